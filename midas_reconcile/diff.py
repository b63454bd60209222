"""Field-level comparison of two Resources under comparison rules declared per resource kind. Pure.

Every rule that decides whether two values are "the same" lives in one table, ``RULES``, keyed by
``(platform, kind)``. Paths are dotted paths into the nested ``fields`` dict; a path that crosses a
list applies to each item of it (``targeting.interests.id`` is the ``id`` of every interest).

Normalisation (``normalize``), applied to both sides before comparing:

* ``None``, missing, ``""``, ``{}`` and ``[]`` are all *absent* (proto3 and the Graph API cannot tell
  them apart either); a value equal to the kind's declared default is absent too.
* ``unordered`` lists compare as sets (sorted, duplicates dropped); a path ending in ``.*`` makes every
  list below it a set (all Meta targeting lists are sets).
* ``identity`` lists hold objects identified by one key (an interest by ``id``, an ad label by
  ``name``): only that key is compared, the rest (display names, server-set ids) is noise.
* ``case_insensitive`` text compares case-folded with runs of whitespace collapsed (keyword text, as
  Google matches it).
* ``ignored`` paths are dropped; money fields compare as integers in platform units; other numbers
  compare by exact decimal value (``3.5`` == ``Decimal("3.50")``), as does ``decimal_text`` (``"3.5"``).
* A Meta creative's text options (``text_options``, read beside its story's own texts: the read cannot see
  whether the spec opts in) compare with the story's texts folded in where both sides hold options
  (``spec._meta_text_options.compared``); options on one side alone are a difference like any other.

``diff`` reports the differences as ``FieldChange`` items with dotted paths (``targeting.age_min``,
``refs.creative``) and the *un-normalised* values found at those paths; ``needs_replace`` says whether
one of them touches a field the platform cannot change in place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from midas_reconcile.plan import FieldChange
from midas_reconcile.resources import (
    FIELDS,
    GOOGLE,
    GOOGLE_AD_ASSET_SETS,
    GOOGLE_ASSET_GROUP_ASSETS,
    GOOGLE_ASSET_GROUP_SINGLE,
    GOOGLE_CAMPAIGN_BRAND_ASSETS,
    GOOGLE_IMPORT_ONLY,
    GOOGLE_KEYWORD_URL_OPTIONS,
    META,
    META_DEFAULT_BID_STRATEGY,
    META_IMPORT_ONLY,
    STATIC_AFTER,
    STATIC_BEFORE,
    THUMBNAIL_READ,
    Address,
    Resource,
    keyword_identity,
)
from midas_reconcile.spec._meta_dynamic_creative import thumbnail_compared
from midas_reconcile.spec._meta_text_options import compared as text_options_compared

#: Fields holding money in platform units (Google micros, Meta minor units).
MONEY_FIELDS: Final = frozenset(
    {
        "amount_micros",
        "total_amount_micros",
        "daily_budget",
        "lifetime_budget",
        "target_cpa_micros",
        "cpc_bid_micros",
        "cpc_bid_ceiling_micros",
        "bid_amount",
        "spend_cap",
    }
)


@dataclass(frozen=True)
class KindRules:
    """How one kind's fields compare; every path is dotted from the top of ``Resource.fields``."""

    #: Lists compared as sets. ``"targeting.*"`` = every list anywhere below ``targeting``.
    unordered: frozenset[str] = frozenset()
    #: Text compared case-insensitively (and with whitespace runs collapsed).
    case_insensitive: frozenset[str] = frozenset()
    #: Values that mean the same as "absent" (the platform's default).
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Fields never compared (server-set or noise).
    ignored: frozenset[str] = frozenset()
    #: Lists of objects compared by one identifying key only (path → key).
    identity: Mapping[str, str] = field(default_factory=dict)
    #: Fields the platform cannot change in place: a change means REPLACE.
    immutable: frozenset[str] = frozenset()
    #: Money fields (compared as ints in platform units).
    money: frozenset[str] = frozenset()
    #: Numbers held as decimal text (a bid modifier: ``spec._bid_modifiers``), compared by exact decimal value
    #: with each other and with numbers (a record or snapshot holding ``1.1`` is the same as ``"1.1"``).
    decimal_text: frozenset[str] = frozenset()
    #: Ordered lists of objects whose changes are reported item by item (``cards.1.title``) while their
    #: length stays: which item changed is what a reader looks for.
    itemised: frozenset[str] = frozenset()


def _money(kind_fields: frozenset[str]) -> frozenset[str]:
    return kind_fields & MONEY_FIELDS


def _criterion_values(kind: str) -> frozenset[str]:
    """A Google criterion's value fields, which cannot change in place: all but its ``status`` and bid, and
    a product group tree's structure, which its update rewrites (``connectors.google_listing_groups``), a
    keyword's URL options (v26 AdGroupCriterion: mutable) and a device's bid modifier (v26
    CampaignCriterion.bid_modifier: mutable)."""
    mutable = {
        "status",
        "cpc_bid_micros",
        "bid_modifier",
        "listing_group_type",
        "partition",
        *GOOGLE_KEYWORD_URL_OPTIONS,
    }
    return FIELDS[(GOOGLE, kind)] - mutable


#: A criterion's bid modifier, decimal text (``spec._bid_modifiers``).
_MODIFIERS: Final = frozenset({"bid_modifier"})

#: Meta targeting lists of objects and the key that identifies each object.
_META_TARGETING_IDENTITY: Final = {
    **{
        f"targeting.{group}{name}": "id"
        for group in ("", "flexible_spec.", "exclusions.")
        for name in ("interests", "behaviors", "life_events", "family_statuses", "industries")
    },
    **{
        f"targeting.{geo}.{name}": "key"
        for geo in ("geo_locations", "excluded_geo_locations")
        # Not cities: a city's radius and its unit are part of what is targeted (``25 mi around …``).
        for name in ("regions", "zips", "places")
    },
    "targeting.custom_audiences": "id",
    "targeting.excluded_custom_audiences": "id",
    "adlabels": "name",
}
_ADLABELS: Final = {"adlabels": "name"}

#: The comparison rules of every kind. The one place where "equal" is defined.
RULES: Final[dict[tuple[str, str], KindRules]] = {
    (GOOGLE, "campaign_budget"): KindRules(
        defaults={"delivery_method": "STANDARD", "explicitly_shared": False, "period": "DAILY"},
        # google-ads v26 CampaignBudget.period: "Immutable".
        immutable=frozenset({"period"}),
        money=_money(FIELDS[(GOOGLE, "campaign_budget")]),
    ),
    (GOOGLE, "campaign"): KindRules(
        unordered=frozenset({"labels", *GOOGLE_CAMPAIGN_BRAND_ASSETS}) - {"business_name"},
        defaults={
            "contains_eu_political_advertising": False,
            # proto3 booleans: unset reads back as false.
            "network_settings.target_google_search": False,
            "network_settings.target_search_network": False,
            "network_settings.target_content_network": False,
            "network_settings.target_partner_search_network": False,
            # v26 DemandGenCampaignSettings.upgraded_targeting "defaults to true" (a record of a Demand Gen
            # campaign made before MIDAS sent it holds none).
            "demand_gen_campaign_settings.upgraded_targeting": True,
            # A record of a Performance Max campaign made before MIDAS sent it false holds none.
            "brand_guidelines_enabled": False,
            # proto3 optional int and bool of v26 ShoppingSetting: 0 and false read as unset.
            "shopping_setting.campaign_priority": 0,
            "shopping_setting.enable_local": False,
        },
        # google-ads v26 Campaign: advertising_channel_type, advertising_channel_sub_type, the
        # app_campaign_setting's app_id and app_store and demand_gen_campaign_settings.upgraded_targeting are
        # "Immutable" (the goal type is not).
        immutable=frozenset(
            {
                "advertising_channel_type",
                "advertising_channel_sub_type",
                "app_campaign_setting.app_id",
                "app_campaign_setting.app_store",
                "demand_gen_campaign_settings.upgraded_targeting",
                "brand_guidelines_enabled",
                # v26 ShoppingSetting.merchant_id: "immutable for Shopping campaigns".
                "shopping_setting.merchant_id",
            }
        ),
        ignored=frozenset(GOOGLE_IMPORT_ONLY["campaign"]),
        money=_money(FIELDS[(GOOGLE, "campaign")]),
    ),
    (GOOGLE, "campaign_criterion"): KindRules(
        case_insensitive=frozenset({"keyword_text"}),
        defaults={"negative": False},
        immutable=_criterion_values("campaign_criterion"),
        decimal_text=_MODIFIERS,
    ),
    (GOOGLE, "ad_group"): KindRules(
        unordered=frozenset({"labels"}),
        immutable=frozenset({"type"}),
        money=_money(FIELDS[(GOOGLE, "ad_group")]),
    ),
    (GOOGLE, "ad_group_criterion"): KindRules(
        case_insensitive=frozenset({"keyword_text"}),
        defaults={"negative": False, "status": "ENABLED"},
        immutable=_criterion_values("ad_group_criterion"),
        money=_money(FIELDS[(GOOGLE, "ad_group_criterion")]),
        decimal_text=_MODIFIERS,
    ),
    (GOOGLE, "ad_group_ad"): KindRules(
        # Not final_urls: without a tracking template Google serves the first of them, and a template's
        # {lpurl} is the first too.
        unordered=GOOGLE_AD_ASSET_SETS,
        # Google keeps no name for responsive search, display and app ads (``ad_names``); a name recorded or
        # snapshotted by an earlier MIDAS, which sent one, is not a difference.
        ignored=frozenset({"name"}),
        immutable=FIELDS[(GOOGLE, "ad_group_ad")] - {"name", "status"},
        itemised=frozenset({"cards"}),  # a Demand Gen carousel ad's, told per card as a Meta carousel's
    ),
    # An ad group's device bid adjustment (v26 AdGroupBidModifier: its device "Immutable", its modifier not).
    (GOOGLE, "ad_group_bid_modifier"): KindRules(
        immutable=FIELDS[(GOOGLE, "ad_group_bid_modifier")] - {"bid_modifier"},
        decimal_text=_MODIFIERS,
    ),
    (GOOGLE, "asset_group"): KindRules(
        # Google does not order an asset group's assets; its final URLs as an ad's (the first serves).
        unordered=frozenset(GOOGLE_ASSET_GROUP_ASSETS) - GOOGLE_ASSET_GROUP_SINGLE,
        # v26 AssetGroup.campaign is "Immutable"; every other field, and its asset links, may change.
    ),
    (META, "campaign"): KindRules(
        unordered=frozenset({"special_ad_categories", "adlabels"}),
        # A campaign with a budget of its own shares no ad set budgets (Meta may read it back as false).
        defaults={
            "buying_type": "AUCTION",
            "bid_strategy": META_DEFAULT_BID_STRATEGY,
            "is_adset_budget_sharing_enabled": False,
        },
        identity=_ADLABELS,
        # Meta sets a campaign's objective when it creates it (the sandbox's meta_rules.MUTABLE; the SDK's
        # update takes the parameter, the platform refuses a change): a change means another campaign. Its
        # product catalog is taken to be fixed alike, as Meta documents an ad set's promoted object to be
        # (unconfirmed for a campaign's; ``spec._meta_catalog``).
        immutable=frozenset({"objective", "promoted_object"}),
        ignored=frozenset(META_IMPORT_ONLY["campaign"]),
        money=_money(FIELDS[(META, "campaign")]),
    ),
    (META, "adset"): KindRules(
        unordered=frozenset({"targeting.*", "adlabels"}),
        # Advantage+ audience off is what an ad set read without ``targeting_automation`` runs (made before
        # Meta required the flag), and what MIDAS states as 0 (``targeting.meta_automation``). Its
        # ``individual_setting`` has no default: a 0 flag may mean other than no flag (MIDAS gives them no
        # meaning), so each is compared as written.
        defaults={
            "targeting.age_min": 18,
            "targeting.age_max": 65,
            "targeting.targeting_automation.advantage_audience": 0,
        },
        identity=_META_TARGETING_IDENTITY,
        # Meta's Ad Set, Promoted Object reference: "promoted_object is immutable in most cases. It is set
        # on creation and cannot be changed. To promote a different object, create a new ad set."
        # Its billing event is set on creation alike (the sandbox's meta_rules.MUTABLE), and so is taken to be
        # where its ads send people (``destination_type``: unconfirmed either way; ``spec._meta_messaging``).
        # Whether it is a Dynamic Creative ad set is a create parameter alone (facebook-business adset.py's
        # api_update has no ``is_dynamic_creative``: ``spec._meta_dynamic_creative``).
        immutable=frozenset({"promoted_object", "billing_event", "destination_type", "is_dynamic_creative"}),
        money=_money(FIELDS[(META, "adset")]),
        ignored=frozenset(META_IMPORT_ONLY["adset"]),
    ),
    (META, "adcreative"): KindRules(
        unordered=frozenset({"adlabels"}),
        identity=_ADLABELS,
        # MIDAS names its creatives by path (to find orphans); one made by hand keeps its own name, which
        # nobody sees in delivery: adopting it must not replace it.
        ignored=frozenset({"name", THUMBNAIL_READ, *META_IMPORT_ONLY["adcreative"]}),
        # Meta's AdCreative update takes ``name`` and ``adlabels`` (facebook-business
        # adcreative.py ``api_update``): adopting a creative labels it in place.
        immutable=FIELDS[(META, "adcreative")] - {"name", "adlabels", *META_IMPORT_ONLY["adcreative"]},
        itemised=frozenset({"cards", STATIC_BEFORE, STATIC_AFTER}),
    ),
    (META, "ad"): KindRules(unordered=frozenset({"adlabels"}), identity=_ADLABELS),
}


# --- compiled rules -------------------------------------------------------------------------------

_ABSENT: Final[Any] = object()


class _Node:
    """Rules at one path, compiled from ``KindRules`` once per kind (not per comparison)."""

    __slots__ = (
        "casefold",
        "children",
        "decimal",
        "deep",
        "default",
        "identity",
        "ignored",
        "money",
        "unordered",
    )

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.unordered = False
        self.deep = False
        self.casefold = False
        self.money = False
        self.decimal = False
        self.ignored = False
        self.identity: str | None = None
        self.default: Any = _ABSENT


def _compile(rules: KindRules) -> dict[str, _Node]:
    root = _Node()

    def at(path: str) -> _Node:
        node = root
        for part in path.split("."):
            node = node.children.setdefault(part, _Node())
        return node

    for path in rules.unordered:
        if path.endswith(".*"):
            at(path[:-2]).deep = True
        else:
            at(path).unordered = True
    for path in rules.case_insensitive:
        at(path).casefold = True
    for path in rules.money:
        at(path).money = True
    for path in rules.decimal_text:
        at(path).decimal = True
    for path in rules.ignored:
        at(path).ignored = True
    for path, key in rules.identity.items():
        at(path).identity = key
    for path, value in rules.defaults.items():
        at(path).default = _value(value, None, False)
    return root.children


_COMPILED: Final[dict[tuple[str, str], dict[str, _Node]]] = {}
_EMPTY_CHILDREN: Final[dict[str, _Node]] = {}


def _rules_for(platform: str, kind: str) -> dict[str, _Node]:
    compiled = _COMPILED.get((platform, kind))
    if compiled is None:
        compiled = _COMPILED[(platform, kind)] = _compile(RULES.get((platform, kind), KindRules()))
    return compiled


# --- normalisation --------------------------------------------------------------------------------


def _number(value: float | Decimal) -> int | Decimal:
    """Exact decimal value of a number; integral values become ints so that 5 == 5.0 == Decimal(5)."""
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        return number
    if number == number.to_integral_value():
        return int(number)
    return number.normalize()


def _decimal_of(text: str) -> Any:
    """The exact decimal value of number text (``"1.20"`` → 1.2), else the text itself."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return text
    return _number(number) if number.is_finite() else text


def _to_platform_units(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return _number(value)
    return value


#: One encoder for set keys (``json.dumps`` with options would build a new one per call).
_SET_KEY_ENCODER: Final = json.JSONEncoder(sort_keys=True, default=str)


def _as_set(items: list[Any]) -> list[Any]:
    """Sorted, de-duplicated; scalars sort natively, anything else by its canonical JSON text."""
    try:
        return sorted(set(items))
    except TypeError:  # unhashable (dicts) or not mutually comparable (str and int)
        unique = {_SET_KEY_ENCODER.encode(item): item for item in items}
        return [unique[key] for key in sorted(unique)]


def _value(value: Any, node: _Node | None, deep: bool) -> Any:
    """Normalised form of ``value`` under ``node``'s rules, or ``_ABSENT``."""
    if value is None:
        return _ABSENT
    if node is not None:
        if node.deep:
            deep = True
        if node.money:
            value = _to_platform_units(value)
        elif node.decimal and isinstance(value, str):
            value = _decimal_of(value)
    kind = type(value)
    if kind is list or kind is tuple:
        key = node.identity if node is not None else None
        items = []
        for item in value:
            if key is not None and isinstance(item, dict) and item.get(key) not in (None, ""):
                item = {key: item[key]}
            normalised = _item(item, node, deep)
            if normalised is not _ABSENT:
                items.append(normalised)
        if not items:
            return _ABSENT
        result: Any = _as_set(items) if deep or (node is not None and node.unordered) else items
    else:
        result = _item(value, node, deep)
        if result is _ABSENT:
            return _ABSENT
    if node is not None and node.default is not _ABSENT and _same(result, node.default):
        return _ABSENT
    return result


def _item(value: Any, node: _Node | None, deep: bool) -> Any:
    """A scalar or dict (or a nested list) under ``node``; defaults and set-ness are the caller's."""
    kind = type(value)
    if kind is str:
        if not value:
            return _ABSENT
        if node is not None and node.casefold:
            return keyword_identity(value)
        return value
    if kind is dict:
        return _mapping(value, node.children if node is not None else _EMPTY_CHILDREN, deep)
    if kind is int or kind is bool:
        return value
    if kind is float or kind is Decimal:
        return _number(value)
    if isinstance(value, list | tuple):
        return _value(value, None, deep)
    return value


def _mapping(fields: Mapping[str, Any], children: dict[str, _Node], deep: bool) -> Any:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        node = children.get(key)
        if node is None and not deep:
            # Fast path: most fields are plain scalars without rules.
            kind = type(value)
            if kind is str:
                if value:
                    out[key] = value
                continue
            if kind is int or kind is bool:
                out[key] = value
                continue
        elif node is not None and node.ignored:
            continue
        normalised = _value(value, node, deep)
        if normalised is not _ABSENT:
            out[key] = normalised
    return out if out else _ABSENT


def _same(left: Any, right: Any) -> bool:
    # bool is an int subclass: keep False and 0 apart when matching declared defaults.
    return bool(left == right) and isinstance(left, bool) == isinstance(right, bool)


def _implied(platform: str, kind: str, fields: Mapping[str, Any]) -> Mapping[str, Any]:
    """``fields`` with what they imply but may lack: a Google budget's ``period`` from its total amount
    (CUSTOM_PERIOD is the only period Google takes one with), absent from what was recorded or snapshotted
    before MIDAS kept it."""
    budget = (platform, kind) == (GOOGLE, "campaign_budget")
    if budget and "period" not in fields and fields.get("total_amount_micros") is not None:
        return {**fields, "period": "CUSTOM_PERIOD"}
    return fields


def normalize_fields(platform: str, kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised form of a kind's ``fields`` (absent values dropped)."""
    result = _mapping(_implied(platform, kind, fields), _rules_for(platform, kind), False)
    return {} if result is _ABSENT else result


def normalize(resource: Resource) -> dict[str, Any]:
    """Canonical comparable content: ``{"fields": normalised fields, "refs": {name: address string}}``.

    Two resources with equal ``normalize`` results are equal for planning and drift purposes.
    """
    address = resource.address
    return {
        "fields": normalize_fields(address.platform, address.kind, resource.fields),
        "refs": {name: str(target) for name, target in sorted(resource.refs.items())},
    }


# --- diff -----------------------------------------------------------------------------------------


def _raw_at(fields: Mapping[str, Any], path: list[str]) -> Any:
    value: Any = fields
    for part in path:
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif not isinstance(value, Mapping):
            return None
        else:
            value = value.get(part)
    return value


def _walk(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    prefix: list[str],
    raw_before: Mapping[str, Any],
    raw_after: Mapping[str, Any],
    out: list[FieldChange],
    itemised: frozenset[str] = frozenset(),
) -> None:
    for key in sorted(before.keys() | after.keys()):
        left = before.get(key, _ABSENT)
        right = after.get(key, _ABSENT)
        if left is not _ABSENT and right is not _ABSENT and _same(left, right):
            continue
        path = [*prefix, key]
        left_nested = isinstance(left, dict) or left is _ABSENT
        right_nested = isinstance(right, dict) or right is _ABSENT
        if (
            ".".join(path) in itemised
            and isinstance(left, list)
            and isinstance(right, list)
            and len(left) == len(right)
            and all(isinstance(item, dict) for item in (*left, *right))
        ):
            for index, (old, new) in enumerate(zip(left, right, strict=True)):
                _walk(old, new, [*path, str(index)], raw_before, raw_after, out)
        elif left_nested and right_nested:
            _walk(
                left if left is not _ABSENT else {},
                right if right is not _ABSENT else {},
                path,
                raw_before,
                raw_after,
                out,
            )
        else:
            out.append(FieldChange(".".join(path), _raw_at(raw_before, path), _raw_at(raw_after, path)))


def diff(before: Resource, after: Resource) -> list[FieldChange]:
    """Differences from ``before`` to ``after`` (same kind), sorted by path; ``[]`` when equal.

    Field paths are dotted into nested dicts; reference changes are ``refs.<name>`` with address
    strings. Values are the un-normalised ones found at the path (``None`` when absent).
    """
    address = before.address
    if address.platform != after.address.platform or address.kind != after.address.kind:
        raise ValueError(f"cannot diff {address} against {after.address}: different kinds")
    changes: list[FieldChange] = []
    if before.fields != after.fields:
        raw_before: Mapping[str, Any] = before.fields
        raw_after: Mapping[str, Any] = after.fields
        if (address.platform, address.kind) == (META, "adcreative"):
            # Meta's text options read beside a story's own texts, compared as what the other side holds.
            raw_before, raw_after = text_options_compared(raw_before, raw_after)
            # A dynamic video's thumbnail read back, compared as the other side sends it (Meta's echoes).
            raw_before, raw_after = thumbnail_compared(raw_before, raw_after)
        rules = _rules_for(address.platform, address.kind)
        left = _mapping(_implied(address.platform, address.kind, raw_before), rules, False)
        right = _mapping(_implied(address.platform, address.kind, raw_after), rules, False)
        left = {} if left is _ABSENT else left
        right = {} if right is _ABSENT else right
        if left != right:
            itemised = RULES.get((address.platform, address.kind), KindRules()).itemised
            _walk(left, right, [], raw_before, raw_after, changes, itemised)
    if before.refs != after.refs:
        for name in sorted(before.refs.keys() | after.refs.keys()):
            old, new = before.refs.get(name), after.refs.get(name)
            if old != new:
                changes.append(
                    FieldChange(f"refs.{name}", str(old) if old else None, str(new) if new else None)
                )
    return changes


def _kind_key(kind: tuple[str, str] | Address) -> tuple[str, str]:
    return (kind.platform, kind.kind) if isinstance(kind, Address) else kind


def is_immutable(path: str, kind: tuple[str, str] | Address) -> bool:
    """Whether changing the field at ``path`` requires replacing the object."""
    immutable = RULES.get(_kind_key(kind), KindRules()).immutable
    return any(path == field_ or path.startswith(field_ + ".") for field_ in immutable)


def immutable_changes(changes: Iterable[FieldChange], kind: tuple[str, str] | Address) -> list[FieldChange]:
    """The changes among ``changes`` that touch immutable fields of ``kind`` ((platform, kind))."""
    return [change for change in changes if is_immutable(change.path, kind)]


def needs_replace(changes: Iterable[FieldChange], kind: tuple[str, str] | Address) -> bool:
    """True when any change touches an immutable field of ``kind`` ((platform, kind) or an Address)."""
    return bool(immutable_changes(changes, kind))
