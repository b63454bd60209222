"""The sandbox's Google URL option rules (``midas_reconcile.url_parameters`` says what they rest on): a
campaign's, ad group's, ad's or keyword's final URL suffix, tracking URL template and custom parameters, and a
keyword's URL options beside its final URLs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.url_parameters import (
    CUSTOM_PARAMETER_KEY,
    CUSTOM_PARAMETERS_MAX,
    KEYWORD_URLS_BESIDE_FINAL_URL,
    custom_parameters_problem,
    query_string_problem,
    tracking_template_problem,
)


def check_url_options(message: Mapping[str, Any], prefix: str = "") -> None:
    """Raise the v26 UrlFieldError Google gives for the first bad URL option of ``message`` (a campaign,
    an ad group or an ``ad``; ``prefix`` is its path in the operation, ``ad.`` for an ad)."""
    suffix = message.get("final_url_suffix")
    if suffix:
        problem = query_string_problem(str(suffix))
        if problem is not None:
            code = "INVALID_TAG_IN_FINAL_URL_SUFFIX" if "{" in problem else "FINAL_URL_SUFFIX_MALFORMED"
            path = f"{prefix}final_url_suffix"
            raise OpError(f"url_field_error.{code}", f"final_url_suffix {problem}", path)
    template = message.get("tracking_url_template")
    if template:
        problem = tracking_template_problem(str(template))
        if problem is not None:
            missing = "MISSING_TRACKING_URL_TEMPLATE_TAG"
            code = missing if "tag" in problem else "MALFORMED_TRACKING_URL_TEMPLATE"
            path = f"{prefix}tracking_url_template"
            raise OpError(f"url_field_error.{code}", f"tracking_url_template {problem}", path)
    parameters = message.get("url_custom_parameters") or []
    path = f"{prefix}url_custom_parameters"
    if len(parameters) > CUSTOM_PARAMETERS_MAX:
        raise OpError(
            "url_field_error.URL_CUSTOM_PARAMETERS_COUNT_EXCEEDS_LIMIT",
            f"at most {CUSTOM_PARAMETERS_MAX} url_custom_parameters",
            path,
        )
    for parameter in parameters:
        key, value = str(parameter.get("key", "")), str(parameter.get("value", ""))
        if not CUSTOM_PARAMETER_KEY.fullmatch(key):
            code = "INVALID_CHARACTERS_IN_URL_CUSTOM_PARAMETER_KEY"
        elif custom_parameters_problem({key: value}) is not None:
            code = "INVALID_CHARACTERS_IN_URL_CUSTOM_PARAMETER_VALUE"
        else:
            continue
        raise OpError(f"url_field_error.{code}", f"url_custom_parameters {key!r}: invalid", path)


def check_keyword_url_options(keyword: Mapping[str, Any]) -> None:
    """Raise the v26 error Google gives for the first bad URL option of an ad group criterion ``keyword``."""
    check_url_options(keyword)
    if keyword.get("final_urls"):
        return
    for option in KEYWORD_URLS_BESIDE_FINAL_URL:
        if keyword.get(option):
            raise OpError(
                "ad_group_criterion_error.CANNOT_SET_WITHOUT_FINAL_URLS",
                f"{option} is set without final_urls",
                option,
            )
