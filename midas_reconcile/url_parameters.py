"""URL tracking shared by the spec language and the sandbox: what a query string appended to an ad's links
(a Google final URL suffix, a Meta creative's ``url_tags``) and a Google custom parameter may be.

Google (google-ads v26 UrlFieldErrorEnum): a final URL suffix "cannot begin with '?' or '&' characters and
must be a valid query string" (FINAL_URL_SUFFIX_MALFORMED) and "cannot contain {lpurl} related or {ignore}
tags" (INVALID_TAG_IN_FINAL_URL_SUFFIX); a tracking URL template "must contain at least one tag (for
example, {lpurl})" (MISSING_TRACKING_URL_TEMPLATE_TAG). A custom parameter's key is 1 to 16 letters and
digits and its value at most 200 characters without spaces (Google Search Ads 360 Help, "custom
parameters", and the AdWords API CustomParameter reference: not in the v26 SDK's docstrings, which only name
INVALID_CHARACTERS_IN_URL_CUSTOM_PARAMETER_KEY / _VALUE). At most 8 per campaign, ad group or ad is believed
from Google Ads Help ("up to 8 custom parameters"), unconfirmed here (v26 names only
URL_CUSTOM_PARAMETERS_COUNT_EXCEEDS_LIMIT). Meta documents no rule of its own for ``url_tags`` beyond
being a query string; the spec holds both platforms to Google's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

CUSTOM_PARAMETER_KEY: Final = re.compile(r"[A-Za-z0-9]{1,16}")
CUSTOM_PARAMETER_VALUE_MAX: Final = 200
CUSTOM_PARAMETERS_MAX: Final = 8
#: A keyword's URL options Google sets only beside its final URLs (v26 AdGroupCriterionError
#: CANNOT_SET_WITHOUT_FINAL_URLS, "Cannot set url fields without also setting final urls"; whether a final URL
#: suffix is one of those "url fields" is unconfirmed, so it may stand alone).
KEYWORD_URLS_BESIDE_FINAL_URL: Final = ("final_mobile_urls", "tracking_url_template", "url_custom_parameters")
#: A keyword's own landing pages and URL options (``spec.models.Keyword``), its landing pages first: its
#: ``final_url`` and the final URLs after it (Google's ``final_urls`` are these, in order).
KEYWORD_URL_OPTIONS: Final = (
    "final_url",
    "additional_final_urls",
    "final_url_suffix",
    *KEYWORD_URLS_BESIDE_FINAL_URL,
)
_LPURL_TAGS: Final = re.compile(r"\{(lpurl[^}]*|ignore)\}", re.IGNORECASE)
_PAIR: Final = re.compile(r"[^=&\s#?]+=[^&\s#]*")


def query_string_problem(text: str) -> str | None:
    """Why ``text`` is no query string to append to an ad's links (None when it is one): ``key=value``
    pairs joined by ``&``, without a leading ``?`` or ``&``, spaces, a fragment or an {lpurl} / {ignore}
    tag."""
    if not text:
        return "must not be empty"
    if text[0] in "?&":
        return f"must not begin with {text[0]!r} (MIDAS and the platforms add it)"
    if _LPURL_TAGS.search(text):
        return "must not contain {lpurl} or {ignore} tags (Google refuses them in a final URL suffix)"
    bad = next((pair for pair in text.split("&") if not _PAIR.fullmatch(pair)), None)
    if bad is not None:
        return f"must be key=value pairs joined by '&' without spaces, '#' or '?'; found {bad!r}"
    return None


def tracking_template_problem(text: str) -> str | None:
    """Why ``text`` is no Google tracking URL template (None when it is one): it starts with ``{lpurl}`` or
    an http(s) URL and holds at least one tag."""
    if not re.match(r"(\{lpurl[^}]*\}|https?://[^/\s{}]+)", text, re.IGNORECASE):
        return "must start with {lpurl} or an http(s):// URL with a host"
    if "{" not in text:
        return "must contain at least one tag, such as {lpurl}"
    if any(c.isspace() for c in text):
        return "must not contain spaces"
    return None


def custom_parameters_problem(parameters: Mapping[str, str]) -> str | None:
    """Why ``parameters`` are no Google custom parameters (None when they are)."""
    if len(parameters) > CUSTOM_PARAMETERS_MAX:
        return f"at most {CUSTOM_PARAMETERS_MAX} custom parameters; found {len(parameters)}"
    for key, value in parameters.items():
        if not CUSTOM_PARAMETER_KEY.fullmatch(key):
            return f"key {key!r} must be 1 to 16 letters and digits"
        if len(value) > CUSTOM_PARAMETER_VALUE_MAX or any(c.isspace() for c in value):
            return f"value of {key!r} must be at most {CUSTOM_PARAMETER_VALUE_MAX} characters without spaces"
    return None
