"""A live standard Shopping campaign's parts in the spec's terms (``compile.google_shopping`` the other way
round), and what of it the spec language cannot say (``spec._google_shopping`` says what it can).

The campaign's ``shopping_setting`` becomes ``google.shopping``. Each ad group must be what MIDAS builds: a
SHOPPING_PRODUCT_ADS ad group bidding on all its products at its own max CPC (the root listing group a UNIT
whose bid is the ad group's) or on the product groups of a subdivided tree (``google.product_groups``:
``product_groups``), running one enabled product ad, with no other criteria. A tree split by a dimension the
spec language does not write (``product_grouping`` …), or broken (a split without its "everything else"
group), is refused, named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from midas_reconcile import money
from midas_reconcile.compile.google import GOOGLE_BIDDING
from midas_reconcile.connectors.google_listing_groups import tree_dimension_problems
from midas_reconcile.resources import Resource
from midas_reconcile.spec._google_shopping import ALL_PRODUCTS, SHOPPING_BIDDING
from midas_reconcile.spec._product_groups import value_key

SHOPPING = "SHOPPING"
#: The bidding types the spec language gives a Shopping campaign.
_BIDDING = {GOOGLE_BIDDING[s]: s.value for s in SHOPPING_BIDDING if s is not None}


def shopping_options(campaign: dict[str, Any]) -> dict[str, Any]:
    """``google.shopping`` of a live campaign's ``shopping_setting``, its defaults left out."""
    setting = campaign.get("shopping_setting") or {}
    out: dict[str, Any] = {"merchant_id": str(setting.get("merchant_id") or "")}
    if setting.get("feed_label"):
        out["feed_label"] = setting["feed_label"]
    if setting.get("campaign_priority"):
        out["campaign_priority"] = int(setting["campaign_priority"])
    if setting.get("enable_local"):
        out["enable_local"] = True
    return out


def shopping_campaign_problems(campaign: dict[str, Any], label: str) -> list[str]:
    """Why a live Shopping campaign (``label`` names it) is not one the spec language writes ([] when it
    is): its Merchant Center account and its bidding."""
    return feed_campaign_problems(
        campaign, label, "Shopping", "Merchant Center", "shopping_setting.merchant_id", _BIDDING
    )


def feed_campaign_problems(
    campaign: dict[str, Any], label: str, kind: str, center: str, account: str, bidding: Mapping[str, str]
) -> list[str]:
    """Why a live campaign whose ads Google builds from a feed (a ``kind`` campaign of a ``center`` account,
    named by its setting's field ``account``: ``shopping_setting.merchant_id``) is not one the spec language
    writes, as to its account and ``bidding`` (its bidding types, by the spec's names) ([] when it is)."""
    problems = []
    setting, _, field = account.partition(".")
    if not (campaign.get(setting) or {}).get(field):
        problems.append(f"{label} has no {center} account ({account})")
    strategy = campaign.get("bidding_strategy_type")
    if strategy not in bidding:
        problems.append(
            f"{label} is a {kind} campaign bidding {strategy}; the spec language gives one "
            + ", ".join(bidding.values())
        )
    return problems


def shopping_group_problems(
    group: Resource, criteria: Sequence[Resource], ads: Sequence[Resource], label: str, manual_cpc: bool
) -> list[str]:
    """Why a Shopping ad group (``label`` names it) is not one the spec language writes ([] when it is):
    its product groups, bids and ads."""
    problems: list[str] = []
    bid = group.fields.get("cpc_bid_micros")
    roots = [c for c in criteria if c.address.path.endswith(f"/{ALL_PRODUCTS}")]
    split = any(root.fields.get("listing_group_type") == "SUBDIVISION" for root in roots)
    if manual_cpc and not bid and not split:
        problems.append(f"{label} has no max CPC, which a Shopping ad group bidding manual CPC needs")
    for criterion in criteria:
        if criterion not in roots:
            problems.append(
                f"{label} has {criterion.fields.get('type')} criteria; the spec language gives a Shopping ad "
                "group its product group alone"
            )
    if not roots and not group.warnings:  # a tree without its root is noted on the ad group already
        problems.append(f"{label} has no product group; MIDAS gives each ad group one of all its products")
    for root in roots:
        if root.fields.get("listing_group_type") == "SUBDIVISION":
            problems.extend(f"{label}'s product groups: {p}" for p in tree_dimension_problems(root.fields))
            unbid = [where for where, unit in units_of(root.fields)
                     if not unit.get("negative") and not unit.get("cpc_bid_micros")]  # fmt: skip
            if unbid and (bid or manual_cpc):
                problems.append(
                    f"{label} has product groups without a max CPC ({', '.join(unbid[:3])}); the spec "
                    "language bids each at its own or the ad group's max CPC"
                    + ("" if bid else ", which a Shopping ad group bidding manual CPC needs")
                )
        elif root.fields.get("negative"):
            problems.append(f"{label} excludes all its products (a negative product group)")
        elif root.fields.get("cpc_bid_micros") != bid:
            unit = _money(root.fields.get("cpc_bid_micros"))
            problems.append(
                f"{label} bids {unit} on all its products and has a max CPC of {_money(bid)}; the spec "
                "language bids all products at the ad group's max CPC"
            )
    if len(ads) != 1 or ads[0].fields.get("type") != "SHOPPING_PRODUCT_AD":
        kinds = ", ".join(str(a.fields.get("type")) for a in ads) or "none"
        problems.append(f"{label} runs {kinds}; MIDAS gives a Shopping ad group one product ad")
    elif ads[0].fields.get("status") != "ENABLED":
        problems.append(
            f"{label} has a paused product ad; the spec language pauses a Shopping ad group, not its ad"
        )
    return problems


def product_groups(root: Resource, group_bid: Any) -> dict[str, Any] | None:
    """``google.product_groups`` of a subdivided tree (None for one group of all products): each unit's
    bid written where it is not the ad group's max CPC (``group_bid``, micros), which the others take."""
    if root.fields.get("listing_group_type") != "SUBDIVISION":
        return None
    return _split(root.fields.get("partition") or {}, int(group_bid) if group_bid else None)


def _split(split: dict[str, Any], group_bid: int | None) -> dict[str, Any]:
    return {
        "split_by": split.get("split_by"),
        "values": {value: _group(child, group_bid) for value, child in (split.get("values") or {}).items()},
        "everything_else": _group(split.get("everything_else") or {}, group_bid),
    }


def _group(group: dict[str, Any], group_bid: int | None) -> dict[str, Any]:
    if group.get("type") == "SUBDIVISION":
        return _split(group, group_bid)
    if group.get("negative"):
        return {"exclude": True}
    bid = group.get("cpc_bid_micros")
    return {"cpc_bid": money.from_google_micros(int(bid))} if bid and bid != group_bid else {}


def units_of(root: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(where, fields) of every unit of a subdivided tree's normalised root ``fields``."""
    return _units(root.get("partition") or {}, "all products")


def _units(split: dict[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, fields) of every unit below a normalised split, ``where`` naming its path."""
    out: list[tuple[str, dict[str, Any]]] = []
    if not split.get("split_by"):  # a broken tree: ``tree_dimension_problems`` names it
        return out
    children = [*(split.get("values") or {}).items(), ("everything else", split.get("everything_else") or {})]
    for value, child in children:
        at = f"{where} > {split.get('split_by')} {value}"
        out.extend(_units(child, at) if child.get("type") == "SUBDIVISION" else [(at, child)])
    return out


def _money(micros: Any) -> str:
    return "none" if not micros else str(money.from_google_micros(int(micros)))


def spelled_as_written(document: dict[str, Any], written: Any) -> None:
    """``document``'s product group values keyed as the spec ``written`` spells them where they are the
    same value (``value_key``: text compares case-insensitively), so that an edit toward ``document`` keeps
    the user's spelling instead of rewriting every key in lower case."""
    old_groups = {g.get("name"): g for g in (written.get("spec") or {}).get("ad_groups") or []}
    for group in document["spec"].get("ad_groups") or []:
        old = old_groups.get(group.get("name")) or {}
        new_tree = (group.get("google") or {}).get("product_groups")
        old_tree = (old.get("google") or {}).get("product_groups")
        if new_tree and old_tree:
            _respell(new_tree, old_tree)


def _respell(new: dict[str, Any], old: Any) -> None:
    dimension = new.get("split_by")
    if not dimension or old.get("split_by") != dimension:
        return
    old_values = old.get("values") or {}
    spelled = {value_key(dimension, str(k)): k for k in old_values}
    respelled = {}
    for key, child in (new.get("values") or {}).items():
        written_key = spelled.get(value_key(dimension, str(key)), key)
        if isinstance(child, dict) and isinstance(old_values.get(written_key), dict):
            _respell(child, old_values[written_key])
        respelled[written_key] = child
    if "values" in new:
        new["values"] = respelled
    if isinstance(new.get("everything_else"), dict) and isinstance(old.get("everything_else"), dict):
        _respell(new["everything_else"], old["everything_else"])
