"""Meta Advantage+ catalog ads: the template tags the checks know, what compile sends, how the Graph wire
carries a template and a campaign's catalog, and what the sandbox refuses (``spec._meta_catalog``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args

import pytest
from test_compile import campaign, compiled, get

from midas_reconcile import compare
from midas_reconcile.connectors.meta_graph import (
    normalise,
    promoted_object,
    story_fields,
    story_spec,
    unexpressed_creative,
)
from midas_reconcile.connectors.sandbox import meta_rules
from midas_reconcile.errors import PermanentError
from midas_reconcile.spec._meta_catalog import macro_problem

TEMPLATE = {
    "name": "shoes",
    "type": "catalog",
    "headlines": ["{{product.name}}"],
    "descriptions": ["{{product.price raw}} only"],
    "primary_text": "Still thinking about {{ product.name | titleize }}?",
    "final_url": "https://shop.example.com/",
    "call_to_action": "shop_now",
}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("No tags at all", None),
        ("{{product.name}} for {{product.current_price}}", None),
        ("{{product.price raw}} / {{product.name | titleize}}", None),
        ("{{product.cost}}", "found the template tag {{product.cost}}; expected {{product.<field>}}"),
        ("{{name}}", "found the template tag {{name}}"),
        ("{{product.price fancy}}", "with the modifier 'fancy'"),
        ("Only {{product.price", "found '{{' of no whole template tag"),
        ("{{product.name} now", "found '{{' of no whole template tag"),
        ("{{ product.name }", "found '{{' of no whole template tag"),
        ("{{product.name}} and product.price}}", "found '}}' of no whole template tag"),
    ],
    ids=["none", "fields", "modifiers", "unknown-field", "no-product", "unknown-modifier", "unclosed",
         "closed-by-one-brace", "spaced-and-unclosed", "unopened"],
)  # fmt: skip
def test_template_tags_name_a_product_field_meta_fills(text: str, problem: str | None) -> None:
    found = macro_problem(text)
    assert found == problem if problem is None else (found is not None and problem in found)


def test_a_catalog_campaign_compiles_to_promoted_objects_and_a_template(tmp_path: Path) -> None:
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        meta={"catalog": 8800112233, "product_set": "7700000001"},
        ad_groups=[{"name": "all"}, {"name": "shoes", "meta": {"product_set": "7700000002"}}],
        creatives=[TEMPLATE],
    )
    resources = compiled(tmp_path, doc)
    assert get(resources, "meta", "campaign", "c").fields["promoted_object"] == {
        "product_catalog_id": "8800112233"
    }
    # The product set alone: no pixel, though the account names one (the catalog counts its purchases).
    assert get(resources, "meta", "adset", "c/all").fields["promoted_object"] == {
        "product_set_id": "7700000001"
    }
    assert get(resources, "meta", "adset", "c/shoes").fields["promoted_object"] == {
        "product_set_id": "7700000002"
    }
    creative = get(resources, "meta", "adcreative", "c/shoes/shoes").fields
    assert creative["template"] is True
    assert (creative["title"], creative["body"], creative["description"]) == (
        "{{product.name}}",
        "Still thinking about {{ product.name | titleize }}?",
        "{{product.price raw}} only",
    )


def test_a_template_travels_as_template_data_and_reads_back_as_sent() -> None:
    fields = {
        "name": "c/a/t",
        "template": True,
        "title": "{{product.name}}",
        "body": "Hi",
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "SHOP_NOW",
        "page_id": "1122334455",
    }
    story = story_spec(fields)
    assert set(story) == {"template_data", "page_id"}
    # Meta's guide's template fields table: "The `value` field should be omitted" (the link is its own).
    assert story["template_data"]["call_to_action"] == {"type": "SHOP_NOW"}
    read = story_fields(story)
    assert read == {k: v for k, v in fields.items() if k != "name"}
    # A template MIDAS sent before with ``value.link`` (its own link) reads the same: no change to plan.
    old = {
        **story["template_data"],
        "call_to_action": {"type": "SHOP_NOW", "value": {"link": fields["link_url"]}},
    }
    assert story_fields({**story, "template_data": old}) == read


def test_a_campaign_reads_back_its_catalog_alone_and_a_product_set_its_default_event_as_none() -> None:
    row = {"name": "c", "promoted_object": {"product_catalog_id": 8800112233, "pixel_id": "1"}}
    assert normalise("campaign", row)["promoted_object"] == {"product_catalog_id": "8800112233"}
    assert "promoted_object" not in normalise("campaign", {"name": "c", "promoted_object": {"page_id": "1"}})
    echoed = {"product_set_id": "77", "custom_event_type": "PURCHASE"}
    assert promoted_object(echoed) == {"product_set_id": "77"}
    counted = {"product_set_id": "77", "custom_event_type": "ADD_TO_CART"}
    assert promoted_object(counted) == counted
    # The campaign's catalog, should Meta echo it beside the product set (unconfirmed), is not the ad set's.
    assert promoted_object({"product_set_id": "77", "product_catalog_id": "88"}) == {"product_set_id": "77"}
    assert promoted_object({"product_catalog_id": "88"}) == {"product_catalog_id": "88"}  # import refuses it


_CATALOG_CAMPAIGN = {"objective": "OUTCOME_SALES", "promoted_object": {"product_catalog_id": "88"}}
_ADSET = {
    "name": "a",
    "optimization_goal": "OFFSITE_CONVERSIONS",
    "billing_event": "IMPRESSIONS",
    "daily_budget": 1000,
    "targeting": {"geo_locations": {"countries": ["US"]}, "targeting_automation": {"advantage_audience": 0}},
}


@pytest.mark.parametrize(
    ("campaign_fields", "adset_promoted", "message"),
    [
        (_CATALOG_CAMPAIGN, {"product_set_id": "77"}, None),
        (
            {"objective": "OUTCOME_SALES"},
            {"product_set_id": "77"},
            "needs a campaign promoting its product catalog",
        ),
        (_CATALOG_CAMPAIGN, None, "Promoted Object Is Missing"),
        (_CATALOG_CAMPAIGN, {"product_set_id": "shoes"}, "is not a product set id"),
        # Meta's Promoted Object reference: "If you use pixel_id, you must provide custom_event_type".
        (_CATALOG_CAMPAIGN, {"product_set_id": "77", "pixel_id": "1"}, "needs its custom_event_type"),
        (_CATALOG_CAMPAIGN, {"product_set_id": "77", "pixel_id": "1", "custom_event_type": "PURCHASE"}, None),
    ],
    ids=["catalog-ad-set", "no-catalog", "no-product-set", "not-an-id", "pixel-without-event",
         "pixel-with-event"],
)  # fmt: skip
def test_the_sandbox_takes_a_product_set_only_under_a_catalog(
    campaign_fields: dict[str, Any], adset_promoted: dict[str, str] | None, message: str | None
) -> None:
    adset = {**_ADSET, **({"promoted_object": adset_promoted} if adset_promoted else {})}
    campaign_node = {"name": "c", "special_ad_categories": [], **campaign_fields}
    if message is None:
        meta_rules.check_adset(adset, campaign_node, "USD")
        return
    with pytest.raises(PermanentError, match=message):
        meta_rules.check_adset(adset, campaign_node, "USD")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"objective": "OUTCOME_TRAFFIC"}, "cannot be promoted by a campaign with objective OUTCOME_TRAFFIC"),
        ({"promoted_object": {"product_catalog_id": "x1"}}, "is not a product catalog id"),
        (
            {"promoted_object": {"product_catalog_id": "88", "page_id": "1"}},
            "names its product_catalog_id alone",
        ),
    ],
    ids=["traffic", "not-an-id", "other-keys"],
)
def test_the_sandbox_refuses_a_catalog_campaign_meta_would(fields: dict[str, Any], message: str) -> None:
    node = {"name": "c", "special_ad_categories": [], **_CATALOG_CAMPAIGN, **fields}
    with pytest.raises(PermanentError, match=message):
        meta_rules.check_campaign(node, "USD")


@pytest.mark.parametrize(
    ("story", "promoted", "message"),
    [
        ({"template_data": {"link": "https://x.example/"}}, {"product_set_id": "77"}, None),
        ({"link_data": {"link": "https://x.example/"}}, None, None),
        ({"link_data": {"link": "https://x.example/"}}, {"product_set_id": "77"}, "need a template creative"),
        (
            {"template_data": {"link": "https://x.example/"}},
            None,
            "runs in an ad set promoting a product set",
        ),
    ],
    ids=[
        "template-in-catalog-ad-set",
        "link-ad-elsewhere",
        "link-ad-in-catalog-ad-set",
        "template-elsewhere",
    ],
)
def test_the_sandbox_runs_templates_in_catalog_ad_sets_alone(
    story: dict[str, Any], promoted: dict[str, str] | None, message: str | None
) -> None:
    adset = {"promoted_object": promoted} if promoted else {}
    if message is None:
        meta_rules.check_catalog_ad({"object_story_spec": story}, adset)
        return
    with pytest.raises(PermanentError, match=message):
        meta_rules.check_catalog_ad({"object_story_spec": story}, adset)


def test_the_sandbox_refuses_a_template_without_a_link() -> None:
    with pytest.raises(PermanentError, match="template_data needs a link"):
        meta_rules.check_creative({"name": "t", "object_story_spec": {"template_data": {"message": "m"}}})


_IMAGES, _SLIDES = "product_images", "slideshows"


@pytest.mark.parametrize(
    ("meta", "fields"),
    [
        ({}, {}),
        ({"catalog_format": "carousel"}, {}),  # Meta's default, said
        ({"catalog_format": "single"}, {"catalog_format": "single"}),
        ({"catalog_format": _IMAGES, "multi_share_end_card": False}, {"catalog_format": _IMAGES}),
        ({"catalog_format": _SLIDES, "multi_share_end_card": True}, {"catalog_format": _SLIDES}),
        ({"multi_share_end_card": False}, {"multi_share_end_card": False}),
    ],
    ids=["default", "carousel-said", "single", "product-images", "slideshows-with-end-card", "no-end-card"],
)  # fmt: skip
def test_a_template_compiles_its_format_but_meta_s_defaults(
    tmp_path: Path, meta: dict[str, Any], fields: dict[str, Any]
) -> None:
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        meta={"catalog": 8800112233, "product_set": "7700000001"},
        ad_groups=[{"name": "all"}],
        creatives=[{**TEMPLATE, "meta": meta}],
    )
    compiled_fields = get(compiled(tmp_path, doc), "meta", "adcreative", "c/all/shoes").fields
    assert {
        k: compiled_fields[k] for k in ("catalog_format", "multi_share_end_card") if k in compiled_fields
    } == (fields)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ({"show_multiple_images": True}, "show_multiple_images needs force_single_link true"),
        ({"show_multiple_images": True, "force_single_link": True}, "and multi_share_end_card false"),
        ({"format_option": "carousel_slideshows_single_item"}, r"format_option\] must be one of"),
    ],
    ids=["images-of-no-single-product", "images-with-end-card", "unknown-format-option"],
)
def test_the_sandbox_refuses_a_template_format_meta_s_guide_does_not_make(
    template: dict[str, Any], message: str
) -> None:
    story = {"template_data": {"link": "https://x.example/", **template}}
    with pytest.raises(PermanentError, match=message):
        meta_rules.check_creative({"name": "t", "object_story_spec": story})


def test_a_template_s_format_names_and_format_options_have_one_source() -> None:
    """The spec's format names are ``CatalogFormat``'s, which ``CATALOG_FORMATS`` describes and
    ``CATALOG_FORMAT_WIRE`` sends; the format_option values the sandbox takes are the SDK's."""
    from facebook_business.adobjects.adcreativelinkdata import AdCreativeLinkData

    from midas_reconcile.connectors.meta_graph import CATALOG_FORMAT_WIRE, TEMPLATE_FORMAT_OPTIONS
    from midas_reconcile.spec._meta_catalog import CATALOG_FORMATS
    from midas_reconcile.spec.models import CatalogFormat

    names = list(get_args(CatalogFormat))
    assert list(CATALOG_FORMATS) == names and list(CATALOG_FORMAT_WIRE) == names
    sdk = {v for k, v in vars(AdCreativeLinkData.FormatOption).items() if not k.startswith("_")}
    assert sdk == TEMPLATE_FORMAT_OPTIONS
    assert meta_rules.TEMPLATE_FORMAT_OPTIONS is TEMPLATE_FORMAT_OPTIONS


_COUPON = "https://shop.example.com/coupon"
_STATIC_CARD = {
    "link": _COUPON,
    "name": "Coupon",
    "image_hash": "0123456789abcdef0123456789abcdef",
    "call_to_action": {"type": "SHOP_NOW"},
    "static_card": True,
}
_PRODUCT_CARD = {"name": "{{product.name}}", "call_to_action": {"type": "SHOP_NOW"}}


def test_static_cards_travel_around_the_product_card_and_read_back_as_sent() -> None:
    """Meta's guide's shape ("with the first card as a coupon static card"): the static cards, each
    ``static_card`` true, before and after a product card of the template's texts and button type."""
    card = {"link_url": _COUPON, "title": "Coupon", "image_url": "https://shop.example.com/c.png"}
    fields = {
        "template": True,
        "title": "{{product.name}}",
        "description": "{{product.price}}",
        "body": "Hi",
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "SHOP_NOW",
        "static_cards_before": [{**card, "call_to_action_type": "SHOP_NOW"}],
        "static_cards_after": [{**card, "title": "After", "call_to_action_type": "SHOP_NOW"}],
    }
    story = story_spec(fields)
    template = story["template_data"]
    assert set(template) == {"link", "message", "child_attachments"}, template
    assert [c.get("static_card") for c in template["child_attachments"]] == [True, None, True]
    assert template["child_attachments"][1] == {
        "name": "{{product.name}}",
        "description": "{{product.price}}",
        "call_to_action": {"type": "SHOP_NOW"},
    }
    # A static card's button is its type alone, to the card's own link (the guide's coupon card: "SHOP_NOW").
    assert [c["call_to_action"] for c in template["child_attachments"]] == [{"type": "SHOP_NOW"}] * 3
    assert story_fields(story) == fields
    assert unexpressed_creative({"object_story_spec": story}) is None
    # Cards MIDAS sent before with ``value.link`` (each card's own link) read the same.
    old = [
        {**c, "call_to_action": {"type": "SHOP_NOW", "value": {"link": c["link"]}}}
        if c.get("static_card")
        else c
        for c in template["child_attachments"]
    ]
    assert story_fields({"template_data": {**template, "child_attachments": old}}) == fields


def test_a_static_card_s_setting_no_spec_says_reads_beside_the_template_s_texts_and_other_cards() -> None:
    """A console's crop of a static card is read on that card (as a carousel card's is), the product card's
    texts and button and the other cards as they are: drift names the crop, not the template's texts gone;
    import still refuses it by name."""
    crops = {"100x100": [[0, 0], [1, 1]]}
    product = {**_PRODUCT_CARD, "description": "{{product.price}}"}
    after = {**_STATIC_CARD, "name": "After", "image_hash": None, "picture": "https://x.example/a.png"}
    story = {
        "template_data": {
            "link": "https://shop.example.com/",
            "child_attachments": [{**_STATIC_CARD, "image_crops": crops}, product, after],
        }
    }
    card = {"link_url": _COUPON, "title": "Coupon", "image_hash": _STATIC_CARD["image_hash"]}
    assert story_fields(story) == {
        "template": True,
        "link_url": "https://shop.example.com/",
        "title": "{{product.name}}",
        "description": "{{product.price}}",
        "call_to_action_type": "SHOP_NOW",
        "static_cards_before": [{**card, "call_to_action_type": "SHOP_NOW", "image_crops": crops}],
        "static_cards_after": [
            {
                "link_url": _COUPON,
                "title": "After",
                "image_url": "https://x.example/a.png",
                "call_to_action_type": "SHOP_NOW",
            }
        ],
    }
    problem = unexpressed_creative({"object_story_spec": story})
    assert problem is not None and "child_attachments[0] (a static card) with image_crops" in problem, problem


def test_a_card_no_longer_static_reads_so_beside_the_product_card() -> None:
    """A static card turned into a product card in the console (``static_card`` false) is read where it is,
    saying so, beside the product card MIDAS made (the card without a link of its own)."""
    story = {
        "template_data": {
            "link": "https://shop.example.com/",
            "child_attachments": [{**_STATIC_CARD, "static_card": False}, _PRODUCT_CARD],
        }
    }
    read = story_fields(story)
    assert (read["title"], read["call_to_action_type"]) == ("{{product.name}}", "SHOP_NOW"), read
    assert read["static_cards_before"][0]["static_card"] is False, read
    assert read["static_cards_before"][0]["title"] == "Coupon", read


@pytest.mark.parametrize(
    ("settings", "fmt"),
    [
        ({"force_single_link": True}, "single"),
        (
            {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": False},
            "product_images",
        ),
    ],
    ids=["single", "product-images"],
)
def test_static_cards_on_a_template_of_one_product_are_refused_by_name(
    settings: dict[str, Any], fmt: str
) -> None:
    """Meta's static cards are the carousel format's ("static cards in Advantage+ catalog ads for the carousel
    format"); a spec refuses them on a template of one product (``spec._meta_catalog``), so import names them
    rather than write a spec that does not load."""
    story = {
        "template_data": {
            "link": "https://shop.example.com/",
            **settings,
            "child_attachments": [_STATIC_CARD, _PRODUCT_CARD],
        }
    }
    problem = unexpressed_creative({"object_story_spec": story})
    assert problem is not None, story
    assert f"static cards on a template of catalog_format {fmt}" in problem, problem


@pytest.mark.parametrize(
    ("cards", "told"),
    [
        ([_STATIC_CARD, {**_STATIC_CARD, "name": "Two"}], "with 0 product cards (static_card not true)"),
        ([_PRODUCT_CARD, {**_PRODUCT_CARD}], "with 2 product cards"),
        ([_STATIC_CARD, {**_PRODUCT_CARD, "link": _COUPON}], "(the product card) with link"),
        (
            [{k: v for k, v in _STATIC_CARD.items() if k != "image_hash"}, _PRODUCT_CARD],
            "without a link and an",
        ),
        ([{**_STATIC_CARD, "image_crops": {"100x100": [[0, 0], [1, 1]]}}, _PRODUCT_CARD], "with image_crops"),
        (
            [{**_STATIC_CARD, "call_to_action": {"type": "LEARN_MORE"}}, _PRODUCT_CARD],
            "different calls to action (LEARN_MORE, SHOP_NOW)",
        ),
        (
            [
                {**_STATIC_CARD, "call_to_action": {"type": "SHOP_NOW", "value": {"app_link": "shop://c"}}},
                _PRODUCT_CARD,
            ],
            "child_attachments[0].call_to_action.value.app_link 'shop://c'",
        ),
    ],
    ids=[
        "no-product-card",
        "two-product-cards",
        "product-card-link",
        "no-image",
        "crops",
        "two-buttons",
        "app-link",
    ],
)
def test_a_template_s_cards_no_spec_says_are_refused_by_name(cards: list[dict[str, Any]], told: str) -> None:
    story = {"template_data": {"link": "https://shop.example.com/", "child_attachments": cards}}
    problem = unexpressed_creative({"object_story_spec": story})
    assert problem is not None and told in problem, problem
    assert "meta.static_cards" in problem, problem


@pytest.mark.parametrize(
    ("own", "told"),
    [
        ({"name": "Mine"}, "child_attachments[0].name beside the template's own name"),
        (
            {"call_to_action": {"type": "LEARN_MORE"}},
            "child_attachments[0].call_to_action beside the template's own other call_to_action",
        ),
    ],
    ids=["name", "call-to-action"],
)
def test_a_template_s_own_setting_beside_its_product_card_s_other_one_is_refused(
    own: dict[str, Any], told: str
) -> None:
    template = {
        "link": "https://shop.example.com/",
        **own,
        "child_attachments": [_STATIC_CARD, _PRODUCT_CARD],
    }
    problem = unexpressed_creative({"object_story_spec": {"template_data": template}})
    assert problem is not None and told.replace("[0]", "[1]") in problem, problem


def test_the_sandbox_refuses_a_static_card_without_a_link() -> None:
    card = {k: v for k, v in _STATIC_CARD.items() if k != "link"}
    story = {
        "template_data": {"link": "https://shop.example.com/", "child_attachments": [card, _PRODUCT_CARD]}
    }
    with pytest.raises(PermanentError, match=r"child_attachments\]\[0\] is a static card without a link"):
        meta_rules.check_creative({"name": "t", "object_story_spec": story})


def test_compare_shows_a_template_s_static_cards_as_meta_s_alone() -> None:
    """A catalog campaign runs on Meta alone (``compare`` refuses it as one platform's), but a creative's
    ``meta.static_cards`` read in Meta's view is a row of Meta's alone, as its other Meta-only settings."""
    static = {
        "before": [{"headline": "Coupon", "final_url": _COUPON, "image_url": "https://x.example/c.png"}]
    }
    google = SimpleNamespace(creatives={"t": SimpleNamespace(fields={"final_url": _COUPON})}, ads_by_group={})
    meta = SimpleNamespace(
        creatives={"t": SimpleNamespace(fields={"final_url": _COUPON, "meta": {"static_cards": static}})},
        ads_by_group={},
    )
    rows = {row.field: row for row in compare._creative_rows("t", google, meta)}  # type: ignore[arg-type]
    row = rows["creative 't' meta.static_cards"]
    assert (row.google, row.meta, row.same) == (None, static, False)
