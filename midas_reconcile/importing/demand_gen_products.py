"""What import makes of a Demand Gen campaign's Merchant Center link and its product ads
(``spec._google_demand_gen_products`` says what the spec language holds of them).

* The campaign's ``demand_gen_shopping_setting`` (its native ``shopping_setting``, read by
  ``connectors.google_product_ad.demand_gen_setting_of``: its merchant id and feed label) →
  ``google.demand_gen``.
* A Demand Gen product ad (v26 DemandGenProductAdInfo) → a ``type: product`` creative: its description as
  the ``primary_text``, its headline, logo, business name, breadcrumbs and call to action (its asset's
  CallToActionType, lower case) as its google options (beside the
  ad's other google options, its additional final URLs and URL options), its first final URL as the
  ``final_url``; a problem for what it lacks that the spec language asks of it.
* An ad group's product filter (its listing group tree, one resource at ``listing_group:all-products``) →
  ``google.product_groups``: the root alone (all products) as ``{}``, a subdivided tree as a Shopping ad
  group's is written (``importing.shopping.product_groups``), each excluded unit ``exclude: true``; a
  problem for a bid on any of it (the spec language gives a Demand Gen filter none), an excluded root or a
  tree all of whose units are excluded (no products at all), a dimension the spec language does not write
  or a broken tree, and a filter in a campaign naming no Merchant Center account.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, get_args

from midas_reconcile.connectors.google_listing_groups import tree_dimension_problems
from midas_reconcile.importing.shopping import product_groups, units_of
from midas_reconcile.resources import Resource
from midas_reconcile.spec.models import PRODUCT_CREATIVE, GoogleCallToAction


def demand_gen_merchant(campaign: dict[str, Any]) -> dict[str, Any] | None:
    """``google.demand_gen`` of a Demand Gen campaign's normalised fields, None when it names no Merchant
    Center account (its merchant id as a string, as the spec writes Google ids)."""
    setting = campaign.get("demand_gen_shopping_setting") or {}
    if not setting.get("merchant_id"):
        return None
    out: dict[str, Any] = {"merchant_id": str(setting["merchant_id"])}
    if setting.get("feed_label"):
        out["feed_label"] = setting["feed_label"]
    return out


def demand_gen_call_to_action(problems: list[str], actions: Sequence[Any] | None, label: str) -> str | None:
    """A Demand Gen video or product ad's call to action assets (``call_to_actions``, read by their
    CallToActionType) as its ``google.call_to_action``: one, of a type the spec language names; else None,
    with why the spec language cannot say them added to ``problems`` (none: no problem)."""
    if not actions:
        return None
    if len(actions) == 1 and (action := str(actions[0]).lower()) in get_args(GoogleCallToAction):
        return action
    why = (
        "one call to action asset at most, google.call_to_action"
        if len(actions) > 1
        else "a call to action of a type google.call_to_action names"  # an asset read as no such type
    )
    problems.append(
        f"{label} has call_to_actions {json.dumps(actions)}, which the spec language cannot express ({why})"
    )
    return None


def demand_gen_product(
    problems: list[str], fields: dict[str, Any], label: str, final_url: str, google: dict[str, Any]
) -> dict[str, Any]:
    """A Demand Gen product ad's normalised ``fields`` as a ``type: product`` creative's fields (what it lacks
    of what the spec language asks, added to ``problems``)."""
    out: dict[str, Any] = {"type": PRODUCT_CREATIVE, "final_url": final_url}
    if fields.get("description"):
        out["primary_text"] = fields["description"]
    own = {k: fields[k] for k in ("headline", "business_name") if fields.get(k)}
    if fields.get("logo_images"):
        own["logo_images"] = list(fields["logo_images"])
    own.update({k: fields[k] for k in ("breadcrumb1", "breadcrumb2") if fields.get(k)})
    if action := demand_gen_call_to_action(problems, fields.get("call_to_actions"), label):
        own["call_to_action"] = action
    out["google"] = {**own, **google}
    missing = [
        what
        for what, present in (
            ("headline", "headline" in own),
            ("description", "primary_text" in out),
            ("business_name", "business_name" in own),
            ("logo_images", "logo_images" in own),
        )
        if not present
    ]
    if missing:
        problems.append(f"{label} has no {', '.join(missing)}, which a Demand Gen product ad needs")
    return out


def demand_gen_product_filter(
    problems: list[str], root: Resource, label: str, merchant: bool
) -> dict[str, Any] | None:
    """``google.product_groups`` of a Demand Gen ad group's listing group tree ``root`` (``label`` names the
    ad group; ``merchant``: whether its campaign names a Merchant Center account), or None with what the
    spec language cannot say of it added to ``problems``."""
    fields = root.fields
    found = len(problems)
    if not merchant:
        problems.append(
            f"{label} has a product filter (LISTING_GROUP criteria) in a campaign naming no Merchant Center "
            "account, which the spec language gives a product filter"
        )
    if fields.get("listing_group_type") != "SUBDIVISION":
        if fields.get("negative"):
            problems.append(f"{label} excludes all its products (a negative product filter)")
        if fields.get("cpc_bid_micros"):
            problems.append(
                f"{label}'s product filter bids, which the spec language gives a Demand Gen one none of"
            )
        return {} if len(problems) == found else None
    problems.extend(f"{label}'s product filter: {p}" for p in tree_dimension_problems(fields))
    units = units_of(fields)
    if units and all(unit.get("negative") for _, unit in units):
        problems.append(f"{label} excludes every group of its product filter (it shows no products)")
    bid = [where for where, unit in units if unit.get("cpc_bid_micros")]
    if bid:
        problems.append(
            f"{label}'s product filter bids on {', '.join(bid[:3])}, which the spec language gives a Demand "
            "Gen one none of"
        )
    return product_groups(root, None) if len(problems) == found else None
