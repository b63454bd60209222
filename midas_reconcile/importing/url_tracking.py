"""What import reads of URL tracking: a Google campaign's final URL suffix (the unified ``url_parameters``),
tracking template and custom parameters (``google.tracking_url_template`` / ``google.url_custom_parameters``),
a Google ad's final URL suffix and a Meta creative's ``url_tags`` (a creative's ``url_parameters``), a Google
ad's tracking template, custom parameters and final mobile URLs (its creative's ``google`` options of those
names), a Google ad group's URL options (its ``google`` options of their names) and a keyword's (its own);
and the problems of what the spec language cannot say (an app campaign's ad group's or app ad's URL options,
a negative keyword's, a keyword's final URL said twice, a Meta creative without the tags its campaign's suffix
would give it, but for an image or video sending people nowhere: it has no link of its own to tag, and takes
its own tags alone).

Compile writes the campaign's ``url_parameters`` as the Google campaign's suffix and as the ``url_tags`` of
every Meta creative without its own, so import writes it from the Google campaign alone (a Meta-only
campaign's when all its creatives share their tags), and a Meta creative keeps its own tags only where they
differ from it. A Google ad's own suffix stays its own even where it is the campaign's (without it, the ad
would be sent with none), and is the same as a Meta creative's tags taken off as the campaign's
(``same_url_parameters``): the two are one creative of that ``url_parameters``."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from midas_reconcile.resources import GOOGLE_AD_URL_OPTIONS, GOOGLE_KEYWORD_URL_OPTIONS, GOOGLE_URL_OPTIONS
from midas_reconcile.spec.models import sends_nowhere
from midas_reconcile.url_parameters import KEYWORD_URLS_BESIDE_FINAL_URL

#: The URL option the unified ``url_parameters`` says (of a campaign or a creative); the campaign's others are
#: its ``google`` options of the same names.
_SUFFIX = "final_url_suffix"


def _cannot(what: str, option: str, value: Any) -> str:
    return f"{what} has {option} {value!r}, which the spec language cannot express"


def google_campaign_urls(
    fields: Mapping[str, Any], label: str, promotes_app: bool, problems: list[str]
) -> tuple[str | None, dict[str, Any]]:
    """A Google campaign's ``url_parameters`` (its final URL suffix) and its ``google`` URL options; an app
    campaign's are problems (the spec gives it none: ``spec._url_tracking``)."""
    present = {k: fields[k] for k in GOOGLE_URL_OPTIONS if fields.get(k)}
    if promotes_app:
        problems.extend(
            _cannot(label, option, value) + " (of an app campaign)" for option, value in present.items()
        )
        return None, {}
    options = {k: v for k, v in present.items() if k != _SUFFIX}
    return present.get(_SUFFIX), options


def google_ad_group_urls(
    fields: Mapping[str, Any], label: str, promotes_app: bool, problems: list[str]
) -> dict[str, Any]:
    """An ad group's URL options as its ``google`` options of their names; an app campaign's ad group's are
    problems (the spec gives it none: ``spec._url_tracking``)."""
    present = {k: fields[k] for k in GOOGLE_URL_OPTIONS if fields.get(k)}
    if promotes_app:
        problems.extend(
            _cannot(label, option, value) + " (of an app campaign's ad group)"
            for option, value in present.items()
        )
        return {}
    return present


def google_keyword_urls(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A keyword's own landing pages and URL options as its spec says them: its first final URL as
    ``final_url`` and the others, in order, as ``additional_final_urls``; the options by their names."""
    present = {k: fields[k] for k in GOOGLE_KEYWORD_URL_OPTIONS if fields.get(k)}
    final_urls = list(present.pop("final_urls", None) or ())
    landing: dict[str, Any] = {"final_url": final_urls[0]} if final_urls else {}
    if final_urls[1:]:
        landing["additional_final_urls"] = final_urls[1:]
    return {**landing, **present}


def google_keyword_url_problems(fields: Mapping[str, Any], label: str) -> list[str]:
    """What the spec language cannot say of a keyword's landing pages and URL options: a negative keyword's
    (it sends nobody anywhere), the options it says only beside its final URL without one, and final URLs
    the spec cannot tell apart, one again (``spec.checks``)."""
    what = f"{label} has a keyword {fields.get('keyword_text')!r} that"
    if fields.get("negative"):
        return [
            _cannot(what, option, fields[option]) + " (of a negative keyword)"
            for option in GOOGLE_KEYWORD_URL_OPTIONS
            if fields.get(option)
        ]
    final_urls = list(fields.get("final_urls") or ())
    if len(set(final_urls)) < len(final_urls):
        return [_cannot(what, "final_urls", final_urls) + " (a keyword says each final URL once)"]
    if final_urls:
        return []
    return [
        _cannot(what, option, fields[option]) + " without final_urls (a keyword says it beside its final_url)"
        for option in KEYWORD_URLS_BESIDE_FINAL_URL
        if fields.get(option)
    ]


def google_ad_urls(fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A Google ad's URL options as its creative says them: its final URL suffix as the creative's
    ``url_parameters``, and its tracking template, custom parameters and final mobile URLs as its ``google``
    options of those names."""
    present = {k: fields[k] for k in GOOGLE_AD_URL_OPTIONS if fields.get(k)}
    own = {"url_parameters": present.pop(_SUFFIX)} if _SUFFIX in present else {}
    return own, present


def google_app_ad_url_problems(fields: Mapping[str, Any], label: str) -> list[str]:
    """An app ad's URL options: it links to the app's store page, where nothing reads them
    (``spec._url_tracking``)."""
    return [
        _cannot(label, option, fields[option]) + ": an app ad links to the app's store page"
        for option in GOOGLE_AD_URL_OPTIONS
        if fields.get(option)
    ]


def meta_creative_urls(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A Meta creative's ``url_tags`` as its ``url_parameters``."""
    return {"url_parameters": fields["url_tags"]} if fields.get("url_tags") else {}


def campaign_url_parameters(views: Sequence[Any], problems: list[str]) -> tuple[str | None, list[Any]]:
    """The unified ``url_parameters`` of a campaign seen in ``views`` (``derive.PlatformView``), and the views
    with each Meta creative's own ``url_parameters`` taken off where it is the campaign's: the Google
    campaign's suffix, or the tags all the creatives of a Meta-only campaign share. A Meta creative without
    tags in a campaign with a suffix is a problem (it would get the campaign's), but for an image or video
    sending people nowhere, to which compile never gives the campaign's (its own tags stay its own)."""
    google = next((v for v in views if v.platform == "google"), None)
    meta = next((v for v in views if v.platform == "meta"), None)
    if meta is None:
        return (google.url_parameters if google is not None else None), list(views)
    # An image or video sending people nowhere has no link of its own to tag: compile gives it its own tags
    # alone, never the campaign's.
    tagged = {name: meta.creatives[name] for name in meta_creative_tags(meta)}
    tags = {c.fields.get("url_parameters") for c in tagged.values()}
    # A Meta-only campaign's: the tags all its creatives share (none when they differ).
    shared = next(iter(tags)) if len(tags) == 1 else None
    campaign = google.url_parameters if google is not None else shared
    if campaign is None:
        return None, list(views)
    creatives = dict(meta.creatives)
    for name, creative in tagged.items():
        own = creative.fields.get("url_parameters")
        if own is None:
            problems.append(
                f"ad {name!r} of {meta.label()} has no url_tags, which the spec language cannot express "
                f"beside the campaign's url_parameters {campaign!r} (its Google campaign's final_url_suffix) "
                "that every Meta creative without its own takes"
            )
        elif own == campaign:
            fields = {k: v for k, v in creative.fields.items() if k != "url_parameters"}
            creative = dataclasses.replace(creative, fields=fields, campaign_tags=own)
        creatives[name] = creative
    replaced = dataclasses.replace(meta, creatives=creatives)
    return campaign, [replaced if v is meta else v for v in views]


def same_url_parameters(google: Any, meta: Any) -> bool:
    """Whether a Google ad and a Meta creative (``derive.CreativeView``, after ``campaign_url_parameters``)
    tag their links alike, as one creative's ``url_parameters`` would: the same own ones, or the Google ad's
    own suffix the campaign's, which the Meta creative's tags were too (taken off as the campaign's, as the
    ad's cannot be: Google would send the ad without a suffix of its own)."""
    ours, theirs = google.fields.get("url_parameters"), meta.fields.get("url_parameters")
    return ours == theirs or (theirs is None and ours is not None and ours == meta.campaign_tags)


def meta_creative_tags(view: Any) -> dict[str, str | None]:
    """The ``url_tags`` (as ``url_parameters``, None: none) of each creative of a Meta ``view``
    (``derive.PlatformView``) that has a link to tag: an image or video sending people nowhere has none, and
    compile gives it its own tags alone, never the campaign's."""
    return {
        name: c.fields.get("url_parameters")
        for name, c in view.creatives.items()
        if not _sends_nowhere(view, c.fields)
    }


def _sends_nowhere(view: Any, fields: Mapping[str, Any]) -> bool:
    """Whether a Meta creative read as ``fields`` in ``view`` sends people nowhere (``spec.models``)."""
    return sends_nowhere(
        fields.get("type"), fields.get("final_url"), fields.get("call_to_action"), view.objective
    )
