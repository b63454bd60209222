"""Dynamic Search Ads' native parts ↔ their normalised fields (``connectors.google_rows`` calls these for the
simulator and the SDK alike).

* campaign ``dynamic_search_ads_setting`` (v26 Campaign.DynamicSearchAdsSetting) →
  ``dynamic_search_ads_setting``: ``domain_name``, ``language_code`` and ``use_supplied_urls_only`` (proto3
  optional: unset reads as false); read only when the campaign has a domain (a campaign without the setting
  reads without the field);
* a webpage criterion (v26 WebpageInfo) → ``webpage_name`` (``criterion_name``) and
  ``webpage_conditions``: its conditions as ``{operand, operator, argument}``, sorted (Google and-s them);
  a negative one (an excluded page, of an ad group or of a campaign) keyed ``negative_webpage:<name>``; an
  ad group's target's own max CPC (``cpc_bid_micros``, mutable) and status are read and written as a
  keyword's;
  ``coverage_percentage`` and ``sample``, read-only and Google's computation, are not read;
* an expanded dynamic search ad (v26 ExpandedDynamicSearchAdInfo) → ``description`` and ``description2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.resources import GOOGLE_DYNAMIC_AD_DESCRIPTIONS

#: The DynamicSearchAdsSetting leaves MIDAS reads and writes (v26 marks none "Immutable").
DSA_SETTING_LEAVES: Final = ("domain_name", "language_code", "use_supplied_urls_only")
#: The sub-message of ``ad`` holding an expanded dynamic search ad (v26 Ad's ``ad_data`` oneof).
DYNAMIC_AD_INFO: Final = "expanded_dynamic_search_ad"
#: The leaves of a webpage condition (v26 WebpageConditionInfo).
CONDITION_LEAVES: Final = ("operand", "operator", "argument")


def dynamic_search_setting_of(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A campaign row's normalised ``dynamic_search_ads_setting``, or None when it has no domain."""
    setting = row.get("dynamic_search_ads_setting") or {}
    if not setting.get("domain_name"):
        return None
    return {
        "domain_name": str(setting["domain_name"]),
        "language_code": str(setting.get("language_code") or ""),
        "use_supplied_urls_only": setting.get("use_supplied_urls_only") is True,
    }


def dynamic_search_setting_native(value: Mapping[str, Any]) -> dict[str, Any]:
    """The native ``dynamic_search_ads_setting`` of a create."""
    return {k: value[k] for k in DSA_SETTING_LEAVES if value.get(k) is not None}


def sorted_conditions(conditions: Any) -> list[dict[str, str]]:
    """Webpage conditions as ``{operand, operator, argument}``, in one order (Google and-s them)."""
    out = [{leaf: str(c.get(leaf) or "") for leaf in CONDITION_LEAVES} for c in conditions or ()]
    return sorted(out, key=lambda c: (c["operand"], c["operator"], c["argument"]))


def webpage_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A WEBPAGE criterion row's normalised fields."""
    webpage = row.get("webpage") or {}
    return {
        "webpage_name": str(webpage.get("criterion_name") or ""),
        "webpage_conditions": sorted_conditions(webpage.get("conditions")),
    }


def webpage_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A webpage criterion's native ``webpage`` (its name and conditions, both required on create) and a
    target's own max CPC (``cpc_bid_micros``)."""
    conditions = [dict(c) for c in fields.get("webpage_conditions") or ()]
    native: dict[str, Any] = {
        "webpage": {"criterion_name": fields.get("webpage_name"), "conditions": conditions}
    }
    if fields.get("cpc_bid_micros") is not None:
        native["cpc_bid_micros"] = fields["cpc_bid_micros"]
    return native


def dynamic_ad_texts(info: Mapping[str, Any]) -> dict[str, Any]:
    """An expanded dynamic search ad's descriptions, the same either way: its native info (no final URLs:
    Google picks the page) ↔ its own normalised fields."""
    return {part: info[part] for part in GOOGLE_DYNAMIC_AD_DESCRIPTIONS if info.get(part)}
