"""The rules the simulator enforces on Dynamic Search Ads: a Search campaign's Dynamic Search Ads setting, its
dynamic ad groups (SEARCH_DYNAMIC_ADS), their webpage criteria and their expanded dynamic search ads.

A campaign's webpage criteria are its excluded pages (negative), as a dynamic ad group's negative ones are.
Grounded in google-ads v26: ``Campaign.DynamicSearchAdsSetting`` (``domain_name`` and ``language_code``
"Required"; SettingError DYNAMIC_SEARCH_ADS_SETTING_CONTAINS_INVALID_DOMAIN_NAME / _SUBDOMAIN_NAME /
_INVALID_LANGUAGE_CODE), AdGroupError CANNOT_ADD_ADGROUP_OF_TYPE_DSA_TO_CAMPAIGN_WITHOUT_DSA_SETTING,
CriterionError WEBPAGE_CRITERION_NOT_SUPPORTED_ON_NON_DSA_AD_GROUP and
WEBPAGE_CRITERION_URL_EQUALS_CAN_HAVE_ONLY_ONE_CONDITION, ``WebpageInfo`` (``criterion_name`` and
``conditions`` "required for CREATE operations"; no conditions: every page of the domain), and
``ExpandedDynamicSearchAdInfo`` (``description``, ``description2``). "Create Dynamic Search Ads"
(developers.google.com/google-ads/api/docs/dynamic-search-ads/create-dynamic-search-ads): a dynamic ad group
takes no positive keywords, and its ads need only a description (headline and final URL are generated).
Codes the docs do not give are the sandbox's choice, each said where it is raised.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Final

from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.resources import GOOGLE_DYNAMIC_AD_GROUP
from midas_reconcile.targeting.tables import google_language_codes

DYNAMIC_AD_GROUP: Final = GOOGLE_DYNAMIC_AD_GROUP
DYNAMIC_AD: Final = "EXPANDED_DYNAMIC_SEARCH_AD"
DYNAMIC_AD_INFO: Final = "expanded_dynamic_search_ad"
_SETTING: Final = "dynamic_search_ads_setting"
#: A host name: labels of letters, digits and hyphens, a top-level domain of letters.
_DOMAIN: Final = re.compile(r"(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
#: A dynamic search ad's description: as long as a responsive search ad's (90 characters; v26 documents no
#: limit of its own for ExpandedDynamicSearchAdInfo: the sandbox's choice).
DESCRIPTION_CHARS: Final = 90


def _language_codes() -> frozenset[str]:
    """The codes a setting's ``language_code`` may be: Google's language codes and their ISO 639-1 codes."""
    return frozenset(code for row in google_language_codes() for code in (row["iso"], row["google_code"]))


def check_dynamic_search_setting(data: dict[str, Any], channel: str) -> None:
    """A campaign's Dynamic Search Ads setting, when it has one: a Search campaign's, with a domain (no
    scheme or path) and a known language."""
    setting = data.get(_SETTING)
    if not setting:
        return
    if channel != "SEARCH":
        # The code for a setting on another channel is not documented: the sandbox's choice.
        raise OpError(
            "setting_error.SETTING_VALUE_NOT_COMPATIBLE_WITH_CAMPAIGN",
            f"a {channel} campaign takes no Dynamic Search Ads setting",
            _SETTING,
        )
    domain = setting.get("domain_name")
    if not domain:
        raise OpError(
            "field_error.REQUIRED", f"{_SETTING}.domain_name is required", f"{_SETTING}.domain_name"
        )
    if not _DOMAIN.fullmatch(str(domain)):
        raise OpError(
            "setting_error.DYNAMIC_SEARCH_ADS_SETTING_CONTAINS_INVALID_DOMAIN_NAME",
            f"{domain!r} is no domain name (a host such as example.com, without scheme or path)",
            f"{_SETTING}.domain_name",
        )
    language = setting.get("language_code")
    if not language:
        raise OpError(
            "field_error.REQUIRED", f"{_SETTING}.language_code is required", f"{_SETTING}.language_code"
        )
    if language not in _language_codes():
        raise OpError(
            "setting_error.DYNAMIC_SEARCH_ADS_SETTING_CONTAINS_INVALID_LANGUAGE_CODE",
            f"{language!r} is no language code Google knows",
            f"{_SETTING}.language_code",
        )


def check_dynamic_ad_group(campaign: dict[str, Any], group: dict[str, Any]) -> None:
    """A SEARCH_DYNAMIC_ADS ad group is added only to a campaign with a Dynamic Search Ads setting (checked on
    create: v26 "can only be added to campaigns that have DynamicSearchAdsSetting attached")."""
    if group.get("type") == DYNAMIC_AD_GROUP and not (campaign.get(_SETTING) or {}).get("domain_name"):
        raise OpError(
            "ad_group_error.CANNOT_ADD_ADGROUP_OF_TYPE_DSA_TO_CAMPAIGN_WITHOUT_DSA_SETTING",
            "a SEARCH_DYNAMIC_ADS ad group needs a campaign with a dynamic_search_ads_setting",
            "type",
        )


def check_dynamic_campaign_criterion(campaign: dict[str, Any], kind: str, data: dict[str, Any]) -> None:
    """A campaign's webpage criterion is an excluded page (Google's "URL exclusions": "Setting a Webpage
    criterion as negative is used to implement URL exclusions", developers.google.com/google-ads/api/docs/
    targeting/criteria) of a campaign with a Dynamic Search Ads setting. That a positive one is refused, and
    its code, are the sandbox's choice (unconfirmed: the guide shows none at campaign level)."""
    if kind != "webpage":
        return
    if not data.get("negative"):
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            "a campaign-level webpage criterion must be negative: the pages to target belong to dynamic ad "
            "groups",
            "webpage",
        )
    if not (campaign.get(_SETTING) or {}).get("domain_name"):
        # The code for an exclusion in a campaign without the setting is not documented: the sandbox's choice.
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            "webpage criteria belong to a campaign with a dynamic_search_ads_setting",
            "webpage",
        )
    _check_webpage(data["webpage"])


def check_dynamic_criterion(group: dict[str, Any], kind: str, data: dict[str, Any]) -> None:
    """A webpage criterion belongs to a dynamic ad group, which takes no positive keyword."""
    dynamic = group.get("type") == DYNAMIC_AD_GROUP
    if kind == "webpage" and not dynamic:
        raise OpError(
            "criterion_error.WEBPAGE_CRITERION_NOT_SUPPORTED_ON_NON_DSA_AD_GROUP",
            "webpage criteria belong to SEARCH_DYNAMIC_ADS ad groups",
            "webpage",
        )
    if kind == "keyword" and dynamic and not data.get("negative"):
        # "Positive keywords are not allowed" (create-dynamic-search-ads); the code is not documented.
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            "a SEARCH_DYNAMIC_ADS ad group takes no positive keywords",
            "keyword",
        )
    if kind == "webpage":
        _check_webpage(data["webpage"])


def _check_webpage(webpage: dict[str, Any]) -> None:
    if not webpage.get("criterion_name"):
        raise OpError("field_error.REQUIRED", "webpage.criterion_name is required", "webpage.criterion_name")
    conditions = webpage.get("conditions") or []
    if len(conditions) > 1 and any(c["operand"] == "URL" and c["operator"] == "EQUALS" for c in conditions):
        raise OpError(
            "criterion_error.WEBPAGE_CRITERION_URL_EQUALS_CAN_HAVE_ONLY_ONE_CONDITION",
            "a webpage criterion with a URL EQUALS condition has no other",
            "webpage.conditions",
        )


def webpage_criterion_id(webpage: dict[str, Any]) -> str:
    """A stable criterion id of a webpage criterion (the sandbox's: its name and conditions, digested), so
    that a console edit of either makes another criterion, as Google's UI does."""
    identity = json.dumps([webpage.get("criterion_name"), webpage.get("conditions") or []], sort_keys=True)
    return str(int(hashlib.sha256(identity.encode()).hexdigest()[:12], 16))


def check_dynamic_ad(group: dict[str, Any], ad_type: str, ad: dict[str, Any]) -> None:
    """An expanded dynamic search ad (``ad_type``, v26 AdTypeEnum) runs in a dynamic ad group and nothing
    else does; it has a description and no final URLs (Google picks the page)."""
    dynamic = group.get("type") == DYNAMIC_AD_GROUP
    if (ad_type == DYNAMIC_AD) != dynamic:
        # The code for an ad of the other kind of Search ad group is not documented: the sandbox's choice.
        raise OpError(
            "ad_error.INVALID_AD_TYPE",
            "a SEARCH_DYNAMIC_ADS ad group runs expanded dynamic search ads alone"
            if dynamic
            else "an expanded dynamic search ad runs in a SEARCH_DYNAMIC_ADS ad group",
            "ad",
        )
    if not dynamic:
        return
    if ad.get("final_urls"):
        raise OpError(
            "ad_error.CANNOT_SET_FIELD",
            "a dynamic search ad's final URL is the page Google picks",
            "ad.final_urls",
        )
    info = ad[DYNAMIC_AD_INFO]
    if not str(info.get("description") or "").strip():
        raise OpError(
            "ad_error.MISSING_DESCRIPTION1",
            "a dynamic search ad needs a description",
            f"ad.{DYNAMIC_AD_INFO}.description",
        )
    for part in ("description", "description2"):
        if len(str(info.get(part) or "")) > DESCRIPTION_CHARS:
            raise OpError(
                "string_length_error.TOO_LONG",
                f"{part} is longer than {DESCRIPTION_CHARS} characters",
                f"ad.{DYNAMIC_AD_INFO}.{part}",
            )
