"""Meta Advantage+ catalog ads (dynamic product ads): ``meta.catalog``, ``meta.product_set`` and
``type: catalog`` creatives, what Meta requires of them, and the spec check.

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- Meta's "Get Started with Advantage+ Catalog Ads": the campaign names its catalog in its promoted object
  (``promoted_object={"product_catalog_id": …}``; the guide's example objective is the legacy
  PRODUCT_CATALOG_SALES, which the ODAX objectives replace with OUTCOME_SALES); "you must specify the
  product_set_id in promoted_object for your ad set level"; the ad set optimises for OFFSITE_CONVERSIONS,
  billed by IMPRESSIONS, and "By default custom_event_type is set to PURCHASE" (adpromotedobject.py
  ``product_catalog_id``, ``product_set_id``).
- facebook-business 26.0.3 has the campaign's ``promoted_object`` (campaign.py, an AdPromotedObject) and a
  creative's own ``product_set_id`` (adcreative.py), which MIDAS never sends: import refuses one other than
  its ad set's.
- The creative is a template link post, ``object_story_spec.template_data`` (adcreativeobjectstoryspec.py;
  Meta's reference: "template link page post as used in Dynamic Product Ads"), of the fields of link data
  (adcreativelinkdata.py: ``link``, ``message``, ``name``, ``description``, ``call_to_action``), whose texts
  carry template tags Meta fills from the catalog for each product: ``{{product.name}}``,
  ``{{product.price}}``, ``{{product.current_price}}`` … with optional modifiers (``{{product.price raw}}``,
  ``{{product.name | titleize}}``).
- Unconfirmed: the full list of template tags (``PRODUCT_MACROS`` holds the product fields of Meta's catalog
  feed that its guides and integrators use in templates), whether Meta echoes ``custom_event_type`` PURCHASE
  or the campaign's ``product_catalog_id`` in a read ad set's promoted object (MIDAS sends neither and reads
  only the product set: ``meta_graph.promoted_object``), and whether the
  campaign's catalog may change once set (MIDAS treats it as fixed, as Meta documents the ad set's promoted
  object to be). Not made: a creative's own ``product_set_id``, Advantage+ creative for catalog
  (``asset_feed_spec``) and catalog ads of a lead or app campaign.
- A template's static cards (``meta.static_cards``, ``_static_cards``), from the same guide's template fields
  table: ``child_attachments`` "Enables you to provide one or more static cards in Advantage+ catalog ads for
  the carousel format. The static cards appear either before or after all Advantage+ catalog ads. Provide the
  static_card field set to true for each static card under child_attachments", and its example "with the first
  card as a coupon static card" (the static card, then a card of the template's ``name``, ``description`` and
  ``call_to_action`` ``{type}``; the template keeps ``link`` and ``message``; facebook-business
  AdCreativeLinkDataChildAttachment ``static_card``: "Whether to force the card to render statically, even in
  a dynamic ad"). Sent and read: ``meta_graph.template_cards``. Unconfirmed: that a static card after the
  product card shows after the products (the guide's example has one before only), how many cards Meta takes,
  and whether Meta echoes the template's texts at its top level beside its product card (read as one when
  they agree).
- A template's format (``meta.catalog_format``, ``CATALOG_FORMATS``), from the template fields table of
  Meta's "Get Started with Advantage+ Catalog Ads" (step 3, "Provide an Ad Creative"; facebook-business
  AdCreativeLinkData ``force_single_link``, ``show_multiple_images``, ``multi_share_end_card``,
  ``format_option``): left out, "the resulting ad will be a carousel ad. Facebook will choose the number of
  cards"; ``force_single_link`` true, "a link page post ad showing a single product"; ``show_multiple_images``
  shows "multiple images in the carousel for a single product" and needs ``force_single_link`` true and
  ``multi_share_end_card`` false; ``multi_share_end_card`` "Default is true. Use this in carousel format. If
  set to false, it will remove the end card"; the guide's "carousel slideshow" example sets ``format_option``
  ``carousel_slideshows`` (the SDK's FormatOption also has ``carousel_images_multi_items``,
  ``carousel_images_single_item``, ``single_image``, ``collection_video``, ``carousel_ar_effects``; it has no
  ``carousel_slideshows_single_item``). Unconfirmed: whether Meta echoes ``format_option`` on a template
  read back, and which value for each format. ``meta_graph.template_format_fields`` reads: the settings
  (``force_single_link``, ``show_multiple_images``) decide the format when any is set, a ``format_option``
  beside them disagreeing with it held apart, never sent nor compared (``resources.TEMPLATE_FORMAT_OPTION``:
  import refuses it by name, a restore drops it, saying so), so that an echo is no perpetual diff;
  ``show_multiple_images`` without ``force_single_link`` is a shape of its own; a ``format_option`` alone
  reads as the format it agrees with (``carousel_slideshows``, ``carousel_images_single_item``,
  ``single_image``, ``carousel_images_multi_items``), any other value alone as itself (never a spec format).
  The end card is a carousel's (Meta: "Use this in carousel format"): never read on a single product's
  template nor one product's images, and never sent there but as the guide requires (product_images: false).
- ``object_story_spec.product_data`` (a list of ``product_id``, ``product_source``): Meta's reference says
  only "The spec for products to enable catalog related experience" and no guide the search tool holds makes
  an ad of it: import refuses it by name (``meta_graph._OTHER_STORY_ADVICE``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._describe import a_or_an
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    CampaignSpec,
    CatalogFormat,
    Creative,
    Objective,
    adset_product_set,
    meta_adset_groups,
)

Add = Callable[[PathKey, str], None]

#: The creative type of a catalog ad's template.
CATALOG_CREATIVE: Final = "catalog"
#: The product fields a template tag may name (Meta's catalog feed fields as its templates use them).
PRODUCT_MACROS: Final = frozenset(
    {"name", "description", "price", "current_price", "sale_price", "brand", "url", "retailer_id",
     "custom_label_0", "custom_label_1", "custom_label_2", "custom_label_3", "custom_label_4"}
)  # fmt: skip
#: How a template shows its products (``meta.catalog_format``, of ``models.CatalogFormat``'s names, as is the
#: wire's ``meta_graph.CATALOG_FORMAT_WIRE``: ``tests/test_meta_catalog.py`` checks the three agree): Meta's
#: default, written as none.
CATALOG_FORMATS: Final[dict[CatalogFormat, str]] = {
    "carousel": "a carousel of several products, their number Meta's choice (Meta's default: write none)",
    "single": "one product, its image (template_data force_single_link)",
    "product_images": "a carousel of one product's images (show_multiple_images, without the end card)",
    "slideshows": "a carousel whose every card is a slideshow of one product's images (format_option "
    "carousel_slideshows)",
}
#: The formats of one product (one link, or its images): the end card is a carousel's alone (Meta: "Use this
#: in carousel format"), never read there, and never sent but as the format's own (product_images: false).
FORMATS_WITHOUT_END_CARD: Final = frozenset({"single", "product_images"})
#: Modifiers a tag may carry after its field (``{{product.price raw}}``, ``{{product.name | titleize}}``).
MACRO_MODIFIERS: Final = frozenset({"raw", "strip_zeros", "round", "titleize", "number_format", "urlencode"})
_TAG = re.compile(r"\{\{(.*?)\}\}")
_MACRO = re.compile(r"^\s*product\.([a-z_0-9]+)((?:\s*\|?\s*[a-z_]+)*)\s*$")


def macro_problem(text: str) -> str | None:
    """Why ``text``'s template tags are none Meta fills (None when every ``{{…}}`` is a known product field
    with known modifiers, or there is none): a ``{{`` or ``}}`` of no whole tag is one Meta would show as it
    is, or drop (unconfirmed which)."""
    for tag in _TAG.findall(text):
        match = _MACRO.match(tag)
        if match is None or match.group(1) not in PRODUCT_MACROS:
            return (
                f"found the template tag {{{{{tag}}}}}; expected {{{{product.<field>}}}} with a field of "
                f"{', '.join(sorted(PRODUCT_MACROS))}"
            )
        modifiers = set(re.findall(r"[a-z_]+", match.group(2)))
        if unknown := modifiers - MACRO_MODIFIERS:
            return (
                f"found the template tag {{{{{tag}}}}} with the modifier {sorted(unknown)[0]!r}; expected "
                f"one of {', '.join(sorted(MACRO_MODIFIERS))}"
            )
    rest = _TAG.sub("", text)
    if stray := next((b for b in ("{{", "}}") if b in rest), None):
        return (
            f"found {stray!r} of no whole template tag in {text!r}; expected each tag whole, as "
            "{{product.name}}"
        )
    return None


def _texts(creative: Creative) -> list[tuple[PathKey, str]]:
    out: list[tuple[PathKey, str]] = [(("headlines", i), t) for i, t in enumerate(creative.headlines)]
    out += [(("descriptions", i), t) for i, t in enumerate(creative.descriptions)]
    if creative.primary_text is not None:
        out.append((("primary_text",), creative.primary_text))
    return out


def check_meta_catalog(add: Add, spec: CampaignSpec) -> None:
    """A catalog ads campaign (``meta.catalog``) is a sales campaign on Meta alone whose every ad set shows a
    product set and runs catalog creatives only; a product set needs the catalog; a catalog creative
    (``type: catalog``: one headline at most, one description at most, a link, no media of its own) runs in
    catalog ad sets alone, and only its texts carry template tags, each a product field Meta fills."""
    catalog = spec.meta.catalog
    for index, creative in enumerate(spec.creatives):
        path: PathKey = ("spec", "creatives", index)
        for at, text in _texts(creative):
            if creative.type == CATALOG_CREATIVE:
                if (problem := macro_problem(text)) is not None:
                    add((*path, *at), problem)
            elif "{{" in text:
                add(
                    (*path, *at),
                    f"found a template tag in {a_or_an(creative.type)} creative; expected template tags "
                    "such as {{product.name}} only in a 'type: catalog' creative of a catalog ads campaign",
                )
        if creative.final_url is not None and "{{" in creative.final_url:
            add(
                (*path, "final_url"),
                "found a template tag in final_url; expected a plain link (a catalog ad sends people to each "
                "product's own url in the catalog, believed; a per-product link template, AdCreative "
                "template_url, MIDAS does not write)",
            )
        if creative.type != CATALOG_CREATIVE:
            continue
        _catalog_creative(add, path, creative)
        if catalog is None:
            add(
                (*path, "type"),
                "found a catalog creative in a campaign without 'meta.catalog'; expected it only in a Meta "
                "catalog ads campaign (meta.catalog: the product catalog's id)",
            )
    written: list[tuple[PathKey, str | None]] = [(("spec", "meta", "product_set"), spec.meta.product_set)]
    written += [
        (("spec", "ad_groups", i, "meta", "product_set"), g.meta.product_set)
        for i, g in enumerate(spec.ad_groups)
    ]
    if catalog is None:
        for at, product_set in written:
            if product_set is not None:
                add(
                    at,
                    f"found the product set {product_set} in a campaign without 'meta.catalog'; expected "
                    "meta.catalog (the product catalog the set belongs to) on the campaign",
                )
        return
    _catalog_campaign(add, spec)


def _catalog_creative(add: Add, path: PathKey, creative: Creative) -> None:
    if creative.platforms is not None and creative.platforms != ["meta"]:
        add((*path, "platforms"), "found a catalog creative on Google; expected 'platforms: [meta]' or none")
    if len(creative.headlines) > 1:
        add(
            (*path, "headlines"),
            f"found {len(creative.headlines)} headlines in a catalog creative; expected at most one (the "
            "template's name)",
        )
    if len(creative.descriptions) > 1:
        add(
            (*path, "descriptions"),
            f"found {len(creative.descriptions)} descriptions in a catalog creative; expected at most one "
            "(the template's description)",
        )
    media = {
        "image_url": creative.image_url,
        "video_id": creative.video_id,
        "post_id": creative.post_id,
        "cards": creative.cards or None,
    }
    for key, value in media.items():
        if value is not None:
            add(
                (*path, key),
                f"found {key} in a catalog creative; expected none (a catalog ad shows each product's own "
                "image from the catalog)",
            )
    if creative.meta.image_hash is not None:
        add((*path, "meta", "image_hash"), "found image_hash in a catalog creative; expected none")
    _catalog_format(add, path, creative)
    _static_cards(add, path, creative)


def _static_cards(add: Add, path: PathKey, creative: Creative) -> None:
    """A template's static cards (``meta.static_cards``) are a carousel's (Meta: "static cards in Advantage+
    catalog ads for the carousel format"): none on a template of one product; at least one when written; each
    a card of its own link and one medium (an image by URL or of the library, or a video), of plain texts,
    link and image URL (Meta fills no tag on a static card: "force the card to render statically, even in a
    dynamic ad"), and of no Google options."""
    static = creative.meta.static_cards
    if static is None:
        return
    at: PathKey = (*path, "meta", "static_cards")
    if creative.meta.catalog_format in FORMATS_WITHOUT_END_CARD:
        add(
            at,
            f"found static_cards on a catalog template of catalog_format {creative.meta.catalog_format}; "
            "expected them only on a carousel of several products (catalog_format none, carousel or "
            "slideshows)",
        )
    if not static.before and not static.after:
        add(
            at, "found static_cards without cards; expected a card in 'before' or 'after', or no static_cards"
        )
    for side, cards in (("before", static.before), ("after", static.after)):
        for index, card in enumerate(cards):
            card_at: PathKey = (*at, side, index)
            if card.final_url is None:
                add(card_at, "a static card needs 'final_url' (where it sends people); found none")
            if card.image_url is None and card.image_hash is None and card.video_id is None:
                add(card_at, "a static card needs 'image_url', 'image_hash' or 'video_id'; found none")
            if card.image_url is not None and card.image_hash is not None:
                add(
                    (*card_at, "image_hash"),
                    "found both image_url and image_hash on a static card; expected one image",
                )
            if card.google.model_fields_set:
                add((*card_at, "google"), "found google options on a static card; expected none (Meta's)")
            for key in ("headline", "description", "final_url", "image_url"):
                text = getattr(card, key)
                if text is not None and ("{{" in text or "}}" in text):
                    add(
                        (*card_at, key),
                        f"found a template tag in a static card's {key}; expected plain text (Meta shows a "
                        "static card as it is, filling no product's tags)",
                    )


def _catalog_format(add: Add, path: PathKey, creative: Creative) -> None:
    """A template's end card (``meta.multi_share_end_card``) is a carousel's: a single product's shows none,
    and Meta's guide shows one product's images only without it (``CATALOG_FORMATS``)."""
    fmt, end_card = creative.meta.catalog_format, creative.meta.multi_share_end_card
    at: PathKey = (*path, "meta", "multi_share_end_card")
    if fmt == "single" and end_card is not None:
        add(
            at,
            "found multi_share_end_card on a catalog template of catalog_format single; expected none (a "
            "single product's ad is no carousel, and shows no end card)",
        )
    elif fmt == "product_images" and end_card is True:
        add(
            at,
            "found multi_share_end_card true on a catalog template of catalog_format product_images; "
            "expected none or false (Meta shows one product's images only without the end card)",
        )


def _catalog_campaign(add: Add, spec: CampaignSpec) -> None:
    at: PathKey = ("spec", "meta", "catalog")
    if spec.platforms.google is not None:
        add(
            ("spec", "platforms", "google"),
            "found google in a catalog ads campaign (meta.catalog); expected Meta alone: catalog ads are "
            "Meta's (a Google Shopping campaign shows a Merchant Center feed: google.channel shopping)",
        )
    if spec.platforms.meta is None:
        add(at, "found meta.catalog in a campaign that does not run on Meta; expected platforms.meta")
        return
    if spec.objective != Objective.SALES:
        add(
            ("spec", "objective"),
            f"found {spec.objective.value} in a catalog ads campaign (meta.catalog); expected sales "
            "(Meta's OUTCOME_SALES: Advantage+ catalog ads)",
        )
    for index, group in meta_adset_groups(spec):
        gpath: PathKey = ("spec", "ad_groups", index) if index is not None else ("spec",)
        if adset_product_set(spec, group) is None:
            add(
                (*gpath, "meta") if index is not None else at,
                f"Meta ad set {group.name!r} of a catalog ads campaign shows no product set; expected "
                "'meta.product_set' (the id of a product set of the catalog) on it or on the campaign",
            )
        if group.meta.conversion is not None:
            add(
                (*gpath, "meta", "conversion"),
                "found a conversion in an ad set of a catalog ads campaign; expected none (its promoted "
                "object is its product set, counting the catalog's purchases)",
            )
    if spec.meta.conversion is not None:
        add(("spec", "meta", "conversion"), "found a conversion in a catalog ads campaign; expected none")
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is not None and "meta" not in creative.platforms:
            continue
        if creative.type != CATALOG_CREATIVE:
            add(
                ("spec", "creatives", index, "type"),
                f"found {creative.type} in a catalog ads campaign; expected catalog (a template whose texts "
                "may carry {{product.name}} and the like: Meta makes each ad of a product of the set)",
            )
