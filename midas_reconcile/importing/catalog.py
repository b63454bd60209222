"""Import of Meta Advantage+ catalog ads: a campaign's product catalog (``meta.catalog``), its ad sets'
product sets (``meta.product_set``) and its template creatives (``type: catalog``: ``spec._meta_catalog``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from midas_reconcile.connectors.meta_graph import MESSAGING_DESTINATION_TYPES, held_option_words
from midas_reconcile.resources import TEMPLATE_FORMAT_OPTION, UNHELD_FEED, Address, Resource
from midas_reconcile.spec._meta_catalog import macro_problem
from midas_reconcile.spec._meta_text_options import TEXT_KINDS

#: Keys of a catalog ad set's promoted object beside its product set that the spec language cannot say (it
#: counts its catalog's purchases: ``spec._meta_catalog``).
_BESIDE_PRODUCT_SET = ("pixel_id", "custom_event_type", "custom_conversion_id")


def product_set_of(adset: Resource) -> str | None:
    """The product set ``adset`` shows (its ``promoted_object.product_set_id``), None for none."""
    promoted = adset.fields.get("promoted_object") or {}
    value = promoted.get("product_set_id") if isinstance(promoted, Mapping) else None
    return None if value in (None, "") else str(value)


@dataclass
class Catalog:
    """The campaign's ``meta.catalog`` and ``meta.product_set`` (``options``) and each ad set's own product
    set where it differs (``own``, by address), with what the spec language cannot say of them
    (``problems``)."""

    options: dict[str, str] = field(default_factory=dict)
    own: dict[Address, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def catalog_of(label: str, campaign: Mapping[str, Any], adsets: Sequence[Resource]) -> Catalog:
    """The catalog ``campaign`` promotes and the product sets its ``adsets`` show as the spec says them: the
    most common set is the campaign's, the others each ad set's own. A product set without the campaign's
    catalog, an ad set of a catalog campaign showing none, and a conversion beside a product set are
    refused."""
    out = Catalog()
    promoted = campaign.get("promoted_object") or {}
    catalog = promoted.get("product_catalog_id") if isinstance(promoted, Mapping) else None
    sets = {a.address: product_set_of(a) for a in adsets}
    if catalog is None:
        for adset in adsets:
            if sets[adset.address] is not None:
                out.problems.append(
                    f"ad set {adset.fields.get('name')!r} of {label} shows product set "
                    f"{sets[adset.address]} (promoted_object.product_set_id) in a campaign naming no product "
                    "catalog, which the spec language cannot express (meta.product_set needs meta.catalog)"
                )
        return out
    out.options["catalog"] = str(catalog)
    shown = Counter(s for s in sets.values() if s is not None)
    common = shown.most_common(1)[0][0] if shown else None
    if common is not None:
        out.options["product_set"] = common
    for adset in adsets:
        glabel = f"ad set {adset.fields.get('name')!r} of {label}"
        own = sets[adset.address]
        if own is None:
            out.problems.append(
                f"{glabel} shows no product set in a catalog ads campaign (catalog {catalog}), which the "
                "spec language cannot express (each ad set of a meta.catalog campaign shows a "
                "meta.product_set)"
            )
            continue
        if own != common:
            out.own[adset.address] = {"product_set": own}
        given = adset.fields.get("promoted_object") or {}
        if beside := [k for k in _BESIDE_PRODUCT_SET if given.get(k) not in (None, "")]:
            named = ", ".join(f"{k} {given[k]}" for k in beside)
            out.problems.append(
                f"{glabel} counts {named} beside its product set, which the spec language cannot express (a "
                "catalog ad set counts its catalog's purchases)"
            )
    return out


#: An asset feed's lists of texts by their path (``spec._meta_text_options.TEXT_KINDS``), and its
#: ``optimization_type``, which Meta echoes beside them.
_TEXT_PATHS: Final = frozenset(f"asset_feed_spec.{kind}" for kind in TEXT_KINDS)
_OPTIMIZATION_PATH: Final = "asset_feed_spec.optimization_type"


def _texts_unheld(feed: Mapping[str, Any]) -> str | None:
    """Why MIDAS cannot hold an asset feed (``UNHELD_FEED``: what it carries by path) of texts alone, named
    as that; None when it carries anything else (images, videos, buttons …). A text carrying its own
    ``url_tags`` or ``adlabels`` is no option ``meta.text_options`` says; texts alone are held only on a link,
    image or video creative opting in (a carousel, Page post or catalog template cannot, and one not opting
    in says one text each)."""
    paths = set(feed) - {_OPTIMIZATION_PATH}
    if not paths or not paths <= _TEXT_PATHS:
        return None
    own = sorted(
        {
            key
            for path in paths
            for entry in (feed[path] if isinstance(feed[path], list) else [])
            if isinstance(entry, Mapping)
            for key, value in entry.items()
            if key != "text" and value not in (None, "", [], {}, False)
        }
    )
    if own:
        return (
            f"texts of its asset feed (Meta's multiple text options) carrying their own {' and '.join(own)}, "
            "which the spec language cannot express (meta.text_options holds each text alone, the creative's "
            "url_parameters its tags)"
        )
    return (
        "several texts in its asset feed (Meta's multiple text options) where the spec says one each, which "
        "MIDAS holds only on a link, image or video creative opting in (meta.text_options: true), not on a "
        "carousel, a Page post's or a catalog template"
    )


def unheld_creative_setting(
    creative: Resource, adset: Resource, label: str
) -> tuple[dict[str, Any], str] | None:
    """What of ``creative`` (run by an ad, ``label``, of ``adset``) MIDAS reads but never sends nor compares
    (``resources.META_IMPORT_ONLY``), by field, and why the spec language cannot say it (None: nothing). A
    creative's own product set is that only when it differs from the ad set's (Meta may echo the ad set's
    there: unconfirmed); what its asset feed carries besides each messaging app's button once
    (``asset_feed_unheld``: ``spec._meta_messaging.unheld_feed``); a per-product link template
    (``template_url``, ``template_url_spec``) always, but on a creative of a kind MIDAS does not make (named
    by its warning); a template's ``format_option`` beside settings of another format
    (``TEMPLATE_FORMAT_OPTION``: the settings decide its format)."""
    own, shown = creative.fields.get("product_set_id"), product_set_of(adset)
    if own not in (None, "") and str(own) != shown:
        return {"product_set_id": own}, (
            f"{label} shows product set {own} (the creative's product_set_id) where its ad set shows "
            f"{shown or 'none'}, which the spec language cannot express (a catalog creative shows its ad "
            "set's meta.product_set)"
        )
    if feed := creative.fields.get(UNHELD_FEED):
        said = " and ".join(f"{path} {_feed_shown(value)}" for path, value in feed.items())
        # Texts alone, but beside several apps' buttons (``asset_feed_spec``), where text options are none.
        if not creative.fields.get("asset_feed_spec") and (texts := _texts_unheld(feed)) is not None:
            return {UNHELD_FEED: feed}, f"{label} has {said}: {texts}"
        if adset.fields.get("destination_type") not in MESSAGING_DESTINATION_TYPES:
            # An ad linking to a website (or an app's store): its feed carries what MIDAS does not hold
            # (Meta's multiple text options and several images or videos are held: ``text_options``,
            # ``media_options``; texts alone are told above).
            return {UNHELD_FEED: feed}, (
                f"{label} has {said}: an asset feed of assets MIDAS does not hold (a dynamic creative's "
                "link, button or format in its feed beside a story's own, or other than one link's "
                "website_url, one button and the format of its images or videos; an image cropped its own "
                "way, media of their own url_tags, placement asset customization's "
                "asset_customization_rules, Advantage+ asset customisation …), which the spec language "
                "cannot express (of an asset feed, MIDAS holds texts, images and videos: meta.text_options, "
                "meta.images, meta.videos; and of a dynamic creative ad set's, one link, one button and the "
                "format its media make, SINGLE_IMAGE of images, SINGLE_VIDEO of videos, AUTOMATIC_FORMAT of "
                "images beside videos: meta.dynamic_creative)"
            )
        return {UNHELD_FEED: feed}, (
            f"{label} has {said}, which the spec language cannot express (of an asset feed, MIDAS sends each "
            "messaging app's button once, asset_feed_spec.call_to_actions, for an ad opening several apps: "
            "meta.destination)"
        )
    if creative.warnings:
        return None
    linked = {
        k: creative.fields[k]
        for k in ("template_url", "template_url_spec")
        if creative.fields.get(k) not in (None, "", {})
    }
    if linked:
        return linked, (
            f"{label} has {' and '.join(f'{k} {v!r}' for k, v in linked.items())}, a per-product link "
            "template, which the spec language cannot express (a catalog creative's final_url is its link)"
        )
    if isinstance(option := creative.fields.get(TEMPLATE_FORMAT_OPTION), str) and option:
        said = held_option_words(option, str(creative.fields.get("catalog_format") or "carousel"))
        return {TEMPLATE_FORMAT_OPTION: option}, (
            f"{label} has object_story_spec.template_data.{said}, a catalog ad format which the spec "
            "language cannot express (its settings decide its format: meta.catalog_format writes them alone)"
        )
    return None


def _feed_shown(value: Any) -> str:
    """An asset feed's setting as a problem names it: its JSON text, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _FEED_SHOWN_LENGTH else text[: _FEED_SHOWN_LENGTH - 1] + "…"


_FEED_SHOWN_LENGTH: Final = 80


def template_mismatch(creative: Resource, adset: Resource, label: str) -> str | None:
    """Why an ad (``label``) of ``adset`` running ``creative`` is none the spec language says (None when it
    is): what of the creative MIDAS never sends (``unheld_creative_setting``); a template
    (``object_story_spec.template_data``) runs in an ad set showing a product set, and such an ad set runs
    templates alone (``spec._meta_catalog``)."""
    if (unheld := unheld_creative_setting(creative, adset, label)) is not None:
        return unheld[1]
    if creative.warnings:
        return None  # a kind MIDAS does not make is named by its warning
    template = bool(creative.fields.get("template"))
    shown = product_set_of(adset)
    if template == (shown is not None):
        return _unknown_tag(creative, label) if template else None
    if template:
        return (
            f"{label} is a catalog ad template (object_story_spec.template_data) in an ad set showing no "
            "product set, which the spec language cannot express (a type: catalog creative runs in the ad "
            "sets of a meta.catalog campaign)"
        )
    return (
        f"{label} is no catalog ad template in an ad set showing a product set, which the spec language "
        "cannot express (the ad sets of a meta.catalog campaign run type: catalog creatives)"
    )


def _unknown_tag(creative: Resource, label: str) -> str | None:
    """Why a template's texts are none the spec language says: a tag the spec checks do not know
    (``spec._meta_catalog.macro_problem``), named with the text it is in."""
    for key in ("title", "body", "description"):
        text = creative.fields.get(key)
        if isinstance(text, str) and (problem := macro_problem(text)) is not None:
            return (
                f"{label} has the template {key} {text!r}: {problem}, which the spec language cannot express "
                "(see Catalog ads in the README)"
            )
    return None
