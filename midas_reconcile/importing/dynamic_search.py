"""A live Search campaign's Dynamic Search Ads in the spec's terms (``compile.google_dynamic_search`` the
other way round), and what of them the spec language cannot say (``spec._google_dynamic_search`` says what
it can).

The campaign's ``dynamic_search_ads_setting`` becomes ``google.dynamic_search_ads``; a SEARCH_DYNAMIC_ADS ad
group's webpage criteria its ``google.webpages`` (name and conditions, lower-cased as the spec writes
them); an expanded dynamic search ad a ``type: dynamic_search`` creative of its descriptions. Refused, each
named: a webpage target excluded, paused or bid at a max CPC of its own (the spec language targets webpages,
enabled, at the ad group's bid), an ad with final URLs, and a setting whose language the spec language does
not name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from midas_reconcile.resources import GOOGLE_DYNAMIC_AD_DESCRIPTIONS, Resource
from midas_reconcile.spec.models import DYNAMIC_SEARCH_CREATIVE
from midas_reconcile.targeting.tables import google_language_codes


def dynamic_search_options(campaign: Mapping[str, Any], label: str, problems: list[str]) -> dict[str, Any]:
    """``google.dynamic_search_ads`` of a live campaign's setting ({} when it has none), its default left
    out; a problem for a language the spec does not name."""
    setting = campaign.get("dynamic_search_ads_setting") or {}
    if not setting.get("domain_name"):
        return {}
    language = str(setting.get("language_code") or "")
    isos = {row["iso"] for row in google_language_codes()}
    if language not in isos:
        problems.append(
            f"{label} runs Dynamic Search Ads in language {language!r}, which is no ISO 639-1 code the spec "
            "language names (google.dynamic_search_ads.language)"
        )
    out: dict[str, Any] = {"domain": str(setting["domain_name"]).lower(), "language": language}
    if setting.get("use_supplied_urls_only"):
        out["use_supplied_urls_only"] = True
    return out


def webpages_of(criteria: Sequence[Resource], label: str, problems: list[str]) -> list[dict[str, Any]]:
    """A dynamic ad group's ``google.webpages`` from its WEBPAGE criteria, in name order; a problem for
    each excluded or paused one."""
    out = []
    for criterion in criteria:
        f = criterion.fields
        name = str(f.get("webpage_name") or "")
        if f.get("negative"):
            problems.append(f"{label} excludes the webpages {name!r}, which the spec language cannot express")
            continue
        if str(f.get("status") or "ENABLED") != "ENABLED":
            problems.append(
                f"{label} has the webpage target {name!r} {str(f.get('status')).lower()}, which the spec "
                "language cannot express"
            )
            continue
        if f.get("cpc_bid_micros"):
            problems.append(
                f"{label} bids on the webpage target {name!r} at a max CPC of its own, which the spec "
                "language cannot express"
            )
            continue
        webpage: dict[str, Any] = {"name": name}
        if conditions := f.get("webpage_conditions"):
            webpage["conditions"] = [
                {
                    "operand": str(c["operand"]).lower(),
                    "operator": str(c["operator"]).lower(),
                    "argument": c["argument"],
                }
                for c in conditions
            ]
        out.append(webpage)
    return sorted(out, key=lambda w: w["name"])


def dynamic_creative(fields: Mapping[str, Any], label: str, problems: list[str]) -> dict[str, Any]:
    """An expanded dynamic search ad's creative fields (but its URL options: the caller's)."""
    if fields.get("final_urls"):
        problems.append(
            f"{label} is a dynamic search ad with final URLs, which the spec language cannot express"
        )
    descriptions = [fields[k] for k in GOOGLE_DYNAMIC_AD_DESCRIPTIONS if fields.get(k)]
    return {"type": DYNAMIC_SEARCH_CREATIVE, "descriptions": descriptions}
