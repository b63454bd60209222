"""A live Search campaign's Dynamic Search Ads in the spec's terms (``compile.google_dynamic_search`` the
other way round), and what of them the spec language cannot say (``spec._google_dynamic_search`` says what
it can).

The campaign's ``dynamic_search_ads_setting`` becomes ``google.dynamic_search_ads`` (its page feed that
setting's ``page_feed``), its negative webpage
criteria (URL exclusions) that setting's ``exclude_webpages``; a SEARCH_DYNAMIC_ADS ad group's webpage
criteria its ``google.webpages`` (name and conditions, lower-cased as the spec writes them; paused as
``status: paused``, a max CPC of its own as ``cpc_bid``) and its negative ones its
``google.exclude_webpages``; an expanded dynamic search ad a ``type: dynamic_search`` creative of its
descriptions. Refused, each named: an excluded page paused or bid on, a campaign's webpage criterion
targeted (or in a campaign without the setting), a page feed holding a URL twice (by labels that differ), an
ad with final URLs, and a setting whose language the spec language does not name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from midas_reconcile import money
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
    if feed := campaign.get("page_feed"):  # its pages by URL, each with its labels (none: left out)
        out["page_feed"] = [
            {"url": p["page_url"], **({"labels": list(p["labels"])} if p.get("labels") else {})} for p in feed
        ]
        _pages_held_twice(out["page_feed"], label, problems)
    return out


def _pages_held_twice(pages: Sequence[Mapping[str, Any]], label: str, problems: list[str]) -> None:
    """A problem for each URL the feed holds more than once (by assets whose labels differ): a spec's feed
    holds each page once (``spec._google_dynamic_search``)."""
    labels_of: dict[str, list[str]] = {}
    for page in pages:
        labels_of.setdefault(str(page["url"]), []).append(f"[{', '.join(page.get('labels') or ())}]")
    for url, label_sets in sorted(labels_of.items()):
        if len(label_sets) > 1:
            problems.append(
                f"{label} has the page {url} twice in its page feed, with the labels "
                f"{' and '.join(label_sets)}, which the spec language cannot express (each page of "
                "google.dynamic_search_ads.page_feed once): keep one in the console"
            )


def webpages_of(
    criteria: Sequence[Resource], label: str, problems: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A dynamic ad group's ``google.webpages`` and ``google.exclude_webpages`` from its WEBPAGE criteria,
    each in name order: a target paused as ``status: paused``, its own max CPC as ``cpc_bid``; a problem for
    an excluded page paused or bid on (an exclusion in the spec is in force, and bids nothing)."""
    targets, excluded = [], []
    for criterion in criteria:
        f = criterion.fields
        webpage = webpage_of(f)
        status = str(f.get("status") or "ENABLED")
        if f.get("negative"):
            if status != "ENABLED" or f.get("cpc_bid_micros"):
                what = status.lower() if status != "ENABLED" else "bid at a max CPC of its own"
                problems.append(
                    f"{label} has the excluded webpages {webpage['name']!r} {what}, which the spec language "
                    "cannot express"
                )
                continue
            excluded.append(webpage)
            continue
        if status != "ENABLED":
            webpage["status"] = "paused"
        if f.get("cpc_bid_micros"):  # its own max CPC, over its ad group's
            webpage["cpc_bid"] = money.google_micros_as_written(f["cpc_bid_micros"])
        targets.append(webpage)
    return sorted(targets, key=lambda w: w["name"]), sorted(excluded, key=lambda w: w["name"])


def campaign_exclusions(
    criteria: Sequence[Mapping[str, Any]], dynamic_search: bool, label: str, problems: list[str]
) -> list[dict[str, Any]]:
    """A DSA campaign's ``google.dynamic_search_ads.exclude_webpages`` from its WEBPAGE criteria (fields), in
    name order; a problem for a targeted one (Google's campaign webpage criteria are exclusions) and for any
    in a campaign without the setting."""
    out = []
    for f in criteria:
        name = str(f.get("webpage_name") or "")
        if not dynamic_search:
            problems.append(
                f"{label} excludes the webpages {name!r} without a Dynamic Search Ads setting, which the "
                "spec language cannot express"
            )
        elif not f.get("negative"):
            problems.append(
                f"{label} targets the webpages {name!r} at campaign level, which the spec language cannot "
                "express: the pages a spec targets belong to its dynamic ad groups (google.webpages)"
            )
        else:
            out.append(webpage_of(f))
    return sorted(out, key=lambda w: w["name"])


def webpage_of(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A webpage criterion's name and conditions, lower-cased as the spec writes them."""
    webpage: dict[str, Any] = {"name": str(fields.get("webpage_name") or "")}
    if conditions := fields.get("webpage_conditions"):
        webpage["conditions"] = [
            {
                "operand": str(c["operand"]).lower(),
                "operator": str(c["operator"]).lower(),
                "argument": c["argument"],
            }
            for c in conditions
        ]
    return webpage


def dynamic_creative(fields: Mapping[str, Any], label: str, problems: list[str]) -> dict[str, Any]:
    """An expanded dynamic search ad's creative fields (but its URL options: the caller's)."""
    if fields.get("final_urls"):
        problems.append(
            f"{label} is a dynamic search ad with final URLs, which the spec language cannot express"
        )
    descriptions = [fields[k] for k in GOOGLE_DYNAMIC_AD_DESCRIPTIONS if fields.get(k)]
    return {"type": DYNAMIC_SEARCH_CREATIVE, "descriptions": descriptions}
