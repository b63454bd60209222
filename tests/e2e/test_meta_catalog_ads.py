"""Meta Advantage+ catalog ads (``meta.catalog``, ``meta.product_set``, ``type: catalog``) through the CLI on
the sandbox: applied as Meta accepts them, converged, a console change of a product set reported as drift
whose replacement is refused, hand-built ones imported and adopted exactly, and spec mistakes refused at
their line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_catalog import (
    ALL_PRODUCTS,
    BY_HAND,
    CATALOG_ID,
    CATALOG_SPEC,
    SHOES,
    SHOP,
    catalog_by_hand,
    with_a_catalog_campaign,
)

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


#: Creative settings MIDAS never sends nor compares (``resources.META_IMPORT_ONLY``): field, a console value,
#: and what MIDAS says of it.
_UNHELD_SETTINGS = [
    (
        "template_url",
        "https://shop.example.com/p/{{product.retailer_id}}",
        "has template_url 'https://shop.example.com/p/{{product.retailer_id}}', a per-product link",
    ),
    (
        "product_set_id",
        "7700000099",
        "shows product set 7700000099 (the creative's product_set_id) where its ad set shows 7700000002",
    ),
]
_UNHELD_IDS = ["per-product-link", "another-product-set"]
#: The catalog spec's last line (its template's call to action), which its template's ``meta`` follows.
_LAST_LINE = "      call_to_action: shop_now\n"


def test_a_catalog_campaign_applies_as_meta_accepts_it_and_converges(midas: Midas, workspace: Path) -> None:
    with_a_catalog_campaign(workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0

    campaign = meta_live_nodes(workspace, "campaign")["catalog-sales"]
    assert (campaign["objective"], campaign["promoted_object"]) == (
        "OUTCOME_SALES",
        {"product_catalog_id": CATALOG_ID},
    )
    adsets = meta_live_nodes(workspace, "adset")
    assert adsets["everything"]["promoted_object"] == {"product_set_id": ALL_PRODUCTS}
    assert adsets["shoes"]["promoted_object"] == {"product_set_id": SHOES}
    [creative] = [
        c for n, c in meta_live_nodes(workspace, "adcreative").items() if n == "catalog-sales/shoes/template"
    ]
    story = creative["object_story_spec"]
    assert set(story) == {"template_data"}, story
    assert story["template_data"] == {
        "link": SHOP,
        "message": "Back in stock: {{product.name | titleize}} by {{product.brand}}",
        "name": "{{product.name}}",
        "description": "Now {{product.current_price}}",
        "call_to_action": {"type": "SHOP_NOW"},
    }


def test_a_console_change_of_a_product_set_is_drift_and_its_replacement_is_refused(
    midas: Midas, workspace: Path
) -> None:
    with_a_catalog_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox", "set", "adset/catalog-sales/shoes@meta", 'promoted_object.product_set_id="7700000099"'
    )
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "promoted_object.product_set_id" in drift.output and "7700000099" in drift.output, drift.output
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def test_a_hand_built_catalog_campaign_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(workspace)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "dynamic-retargeting.yaml").read_text(encoding="utf-8")
    )["spec"]
    assert spec["objective"] == "sales"
    assert spec["meta"]["catalog"] == CATALOG_ID
    product_sets = {
        g["name"]: g.get("meta", {}).get("product_set", spec["meta"]["product_set"])
        for g in spec["ad_groups"]
    }
    assert product_sets == {"All": ALL_PRODUCTS, "Shoes": SHOES}, spec
    [kind] = {c["type"] for c in spec["creatives"]}
    assert kind == "catalog", spec
    assert {c["headlines"][0] for c in spec["creatives"]} == {"{{product.name}}"}


def test_import_refuses_a_product_set_in_a_campaign_without_a_catalog(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(workspace)
    edited = midas("sandbox", "set", "campaign/Dynamic Retargeting@meta", "promoted_object=null")
    assert edited.code == 0, edited.output
    result = midas("import", "--account", "meta-main", "--campaign", "Dynamic Retargeting")
    assert result.code == 1, result.output
    refusal = "shows product set 7700000001 (promoted_object.product_set_id) in a campaign naming no product"
    assert refusal in result.output, result.output


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (
            ('catalog: "8800112233"', 'catalog: "88-00"'),
            13,
            "spec.meta.catalog: found '88-00'",
        ),
        (
            ("Now {{product.current_price}}", "Now {{product.cost}}"),
            23,
            "found the template tag {{product.cost}}; expected {{product.<field>}} with a field of",
        ),
        (
            ("Now {{product.current_price}}", "Now {{product.current_price"),
            23,
            "found '{{' of no whole template tag",
        ),
        (
            ("Now {{product.current_price}}", "Now product.current_price}}"),
            23,
            "found '}}' of no whole template tag",
        ),
        (
            ("{{product.name | titleize}}", "{{product.name | shout}}"),
            24,
            "with the modifier 'shout'; expected one of",
        ),
        (
            ("final_url: https://shop.example.com/", 'final_url: "https://shop.example.com/{{product.url}}"'),
            25,
            "found a template tag in final_url; expected a plain link",
        ),
        (
            ("objective: sales", "objective: traffic"),
            8,
            "found traffic in a catalog ads campaign (meta.catalog); expected sales",
        ),
        (
            ('    catalog: "8800112233"\n', ""),
            13,
            "found the product set 7700000001 in a campaign without 'meta.catalog'",
        ),
        (
            ("      type: catalog\n", "      type: image\n      image_url: https://cdn.example.com/a.png\n"),
            23,
            "found a template tag in an image creative",
        ),
        (
            ("  platforms:\n", "  platforms:\n    google: {account: google-main}\n"),
            7,
            "found google in a catalog ads campaign (meta.catalog); expected Meta alone",
        ),
        (
            ("    meta: {account: meta-main}\n", "    google: {account: google-main}\n"),
            13,
            "found meta.catalog in a campaign that does not run on Meta; expected platforms.meta",
        ),
        (
            (_LAST_LINE, f"{_LAST_LINE}      meta: {{catalog_format: single, multi_share_end_card: true}}\n"),
            27,
            "found multi_share_end_card on a catalog template of catalog_format single; expected none",
        ),
        (
            (_LAST_LINE, f"{_LAST_LINE}      meta:\n        catalog_format: product_images\n"
             "        multi_share_end_card: true\n"),
            29,
            "found multi_share_end_card true on a catalog template of catalog_format product_images",
        ),
        (
            (_LAST_LINE, f"{_LAST_LINE}      meta:\n        catalog_format: collection\n"),
            28,
            "catalog_format",
        ),
        (
            ("      type: catalog\n", "      type: image\n      image_url: https://cdn.example.com/a.png\n"
             "      meta: {catalog_format: single}\n"),
            24,
            "found catalog_format on an image creative; expected it only on a catalog template",
        ),
    ],
    ids=["catalog-not-digits", "unknown-macro", "unclosed-tag", "unopened-tag", "unknown-modifier",
         "tag-in-link", "not-sales", "set-without-catalog", "macro-outside-catalog-creative", "on-google",
         "google-only", "end-card-of-a-single-product", "end-card-of-one-product-s-images", "unknown-format",
         "format-outside-catalog-creative"],
)  # fmt: skip
def test_catalog_spec_mistakes_are_refused_at_their_line(
    midas: Midas, workspace: Path, edit: tuple[str, str], line: int, message: str
) -> None:
    assert edit[0] in CATALOG_SPEC
    (workspace / "specs" / "catalog-sales.yaml").write_text(CATALOG_SPEC.replace(*edit), encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    assert message in result.output, result.output
    assert f"catalog-sales.yaml:{line}:" in result.output, result.output


def test_mirror_to_google_refuses_a_catalog_campaign_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    written = CATALOG_SPEC.replace(_LAST_LINE, f"{_LAST_LINE}      meta: {{catalog_format: single}}\n")
    (workspace / "specs" / "catalog-sales.yaml").write_text(written, encoding="utf-8")
    result = midas("mirror", "campaign/catalog-sales", "--to", "google")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert "is a Meta catalog ads campaign (meta.catalog: 8800112233" in said, result.output
    assert "its templates' format (meta.catalog_format: single) is Meta's alone too" in said, result.output
    assert (workspace / "specs" / "catalog-sales.yaml").read_text(encoding="utf-8") == written


def test_changing_the_catalog_of_a_live_campaign_is_refused(midas: Midas, workspace: Path) -> None:
    """Meta sets the catalog when it creates the campaign: another one would replace the live campaign."""
    with_a_catalog_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "catalog-sales.yaml"
    spec.write_text(
        CATALOG_SPEC.replace(f'catalog: "{CATALOG_ID}"', 'catalog: "8800112299"'), encoding="utf-8"
    )
    plan = midas("plan")
    assert (
        "campaign/catalog-sales@meta:meta-main would be replaced: Meta does not change a live campaign's "
        "product catalog"
    ) in plan.output, plan.output


@pytest.mark.parametrize("own", [SHOES, "7700000099"], ids=["its-ad-set-s", "another"])
def test_a_template_naming_its_own_product_set_adopts_only_when_it_is_its_ad_set_s(
    midas: Midas, workspace: Path, bare: Path, own: str
) -> None:
    """A creative may name a product set of its own (AdCreative ``product_set_id``), which MIDAS never sends:
    the ad set's imports as it is, another is refused rather than dropped by a later replacement."""
    catalog_by_hand(workspace, shoes_template={"product_set_id": own})
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    if own == SHOES:
        assert result.code == 0, result.output
        assert midas("plan", "--detailed-exitcode").code == 0
        return
    assert result.code == 1, result.output
    assert (
        "shows product set 7700000099 (the creative's product_set_id) where its ad set shows 7700000002"
    ) in result.output, result.output


def test_import_refuses_a_template_tag_the_spec_language_does_not_know(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(workspace, title="{{product.colour}} shoes")
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1, result.output
    assert (
        "has the template title '{{product.colour}} shoes': found the template tag {{product.colour}}"
    ) in result.output, result.output


def test_import_refuses_a_template_with_a_per_product_link_template(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(
        workspace, shoes_template={"template_url": "https://shop.example.com/p/{{product.retailer_id}}"}
    )
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1, result.output
    assert (
        "has template_url 'https://shop.example.com/p/{{product.retailer_id}}', a per-product link template"
        in (result.output)
    ), result.output


def test_import_refuses_a_legacy_catalog_sales_campaign_saying_how_to_make_it_anew(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(workspace)
    edited = midas("sandbox", "set", "campaign/Dynamic Retargeting@meta", "objective=PRODUCT_CATALOG_SALES")
    assert edited.code == 0, edited.output
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1, result.output
    assert (
        "PRODUCT_CATALOG_SALES is the legacy catalog sales objective: make the campaign anew as OUTCOME_SALES"
        in (" ".join(result.output.split()))
    ), result.output


@pytest.mark.parametrize(
    ("field", "value", "refusal"),
    _UNHELD_SETTINGS,
    ids=_UNHELD_IDS,
)
def test_adopting_an_existing_spec_refuses_a_template_a_fresh_import_refuses(
    midas: Midas, workspace: Path, bare: Path, field: str, value: str, refusal: str
) -> None:
    """What MIDAS never compares (``resources.META_IMPORT_ONLY``) is checked on adopting a spec written
    before it was set, as on a fresh import: else a later replacement of the creative drops it in silence."""
    catalog_by_hand(workspace)
    assert midas("import", "--account", "meta-main", "--all").code == 0
    shoes_ad = "adcreative/Dynamic Retargeting/Shoes/Shoes ad@meta"
    edited = midas("sandbox", "set", shoes_ad, f'{field}="{value}"')
    assert edited.code == 0, edited.output
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert "nothing was adopted" in said and refusal in said, result.output


def test_a_catalog_echoed_in_a_catalog_ad_set_s_promoted_object_is_no_change(
    midas: Midas, workspace: Path
) -> None:
    """An ad set's promoted object may carry product_catalog_id (Meta's Promoted Object reference): should
    Meta echo the campaign's catalog there beside the product set (unconfirmed), it is no replacement that
    could never apply."""
    with_a_catalog_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    echoed = midas(
        "sandbox",
        "set",
        "adset/catalog-sales/shoes@meta",
        f'promoted_object.product_catalog_id="{CATALOG_ID}"',
    )
    assert echoed.code == 0, echoed.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_import_refuses_an_ad_set_promoting_a_catalog_without_a_product_set_saying_what_midas_promotes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    catalog_by_hand(workspace)
    edited = midas(
        "sandbox",
        "set",
        "adset/Dynamic Retargeting/Shoes@meta",
        f'promoted_object={{"product_catalog_id": "{CATALOG_ID}"}}',
    )
    assert edited.code == 0, edited.output
    result = midas("import", "--account", "meta-main", "--all")
    said = " ".join(result.output.split())
    assert result.code == 1, result.output
    assert f"has promoted_object.product_catalog_id '{CATALOG_ID}'" in said, result.output
    assert "or show a product set of their campaign's catalog" in said, result.output


def test_a_campaign_conversion_in_a_catalog_campaign_is_one_error_at_its_line(
    midas: Midas, workspace: Path
) -> None:
    text = CATALOG_SPEC.replace(
        f'    product_set: "{ALL_PRODUCTS}"\n',
        f'    product_set: "{ALL_PRODUCTS}"\n    conversion: {{event: LEAD}}\n',
    )
    (workspace / "specs" / "catalog-sales.yaml").write_text(text, encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    cited = [line for line in result.output.splitlines() if "catalog-sales.yaml:15:" in line]
    assert len(cited) == 1 and "found a conversion in a catalog ads campaign" in cited[0], result.output


@pytest.mark.parametrize(
    ("field", "value", "told"),
    _UNHELD_SETTINGS,
    ids=_UNHELD_IDS,
)
def test_a_console_setting_midas_cannot_hold_on_a_managed_creative_is_drift_and_a_replacement_drops_it(
    midas: Midas, workspace: Path, field: str, value: str, told: str
) -> None:
    """What MIDAS never sends nor compares (``resources.META_IMPORT_ONLY``), set in a console on a creative it
    manages: drift names it, the plan warns of it, and a plan replacing the creative says it would be lost."""
    with_a_catalog_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/catalog-sales/shoes/template@meta"
    edited = midas("sandbox", "set", creative, f'{field}="{value}"')
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{creative}:meta-main"]
    assert item["kind"] == "unheld", item
    said = " ".join(item["message"].split())
    assert told in said and "MIDAS cannot hold it" in said, said
    assert "replacing the adcreative would drop it" in said, said
    assert [(f["path"], f["live"]) for f in item["fields"]] == [(field, value)], item
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert told in " ".join(plan.output.split()), plan.output
    (workspace / "specs" / "catalog-sales.yaml").write_text(
        CATALOG_SPEC.replace("Back in stock", "Still in stock"), encoding="utf-8"
    )
    replacing = " ".join(midas("plan").output.split())
    assert f"the plan replaces the adcreative, which drops {field}: it would be lost" in replacing, replacing


def test_a_creative_s_own_product_set_equal_to_its_ad_set_s_is_no_drift(
    midas: Midas, workspace: Path
) -> None:
    """Meta may echo the ad set's product set on its creatives (unconfirmed): that is no change."""
    with_a_catalog_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    echoed = midas(
        "sandbox", "set", "adcreative/catalog-sales/shoes/template@meta", f'product_set_id="{SHOES}"'
    )
    assert echoed.code == 0, echoed.output
    assert midas("drift").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "product_set_id" not in plan.output, plan.output


def _template_data(workspace: Path) -> dict[str, Any]:
    """The live template of the catalog-sales campaign's shoes ads (``object_story_spec.template_data``)."""
    creatives = meta_live_nodes(workspace, "adcreative")
    return dict(creatives["catalog-sales/shoes/template"]["object_story_spec"]["template_data"])


def test_a_template_s_format_applies_drifts_and_restores_from_a_snapshot(
    midas: Midas, workspace: Path
) -> None:
    """``meta.catalog_format`` goes over the wire as Meta's guide makes the format; a console change of it is
    drift the next apply restores; a snapshot of it restores it on the platform and in the specs."""
    spec = workspace / "specs" / "catalog-sales.yaml"
    images = CATALOG_SPEC.replace(_LAST_LINE, f"{_LAST_LINE}      meta: {{catalog_format: product_images}}\n")
    spec.write_text(images, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    wire = {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": False}
    assert {k: v for k, v in _template_data(workspace).items() if k in wire} == wire
    assert midas("snapshot", "--name", "images").code == 0

    creative = "adcreative/catalog-sales/shoes/template@meta"
    console = "object_story_spec.template_data.show_multiple_images=false"
    assert midas("sandbox", "set", creative, console).code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{creative}:meta-main"]
    fields = [(f["path"], f["recorded"], f["live"], f["spec_agrees"]) for f in item["fields"]]
    assert ("catalog_format", "product_images", "single", False) in fields, item
    assert midas("apply", "--auto-approve").code == 0
    assert _template_data(workspace)["show_multiple_images"] is True
    assert midas("drift").code == 0

    spec.write_text(CATALOG_SPEC, encoding="utf-8")  # Meta's default carousel again
    assert midas("apply", "--auto-approve").code == 0
    assert not set(_template_data(workspace)) & set(wire), _template_data(workspace)
    restored = midas("restore", "images", "--auto-approve")
    assert restored.code == 0, restored.output
    assert {k: v for k, v in _template_data(workspace).items() if k in wire} == wire
    written = midas("restore", "images", "--write-specs")
    assert written.code == 0, written.output
    assert spec.read_text(encoding="utf-8") == images


@pytest.mark.parametrize(
    ("fmt", "refusal"),
    [
        ("slideshows", None),
        (
            "format_option=collection_video",
            "has object_story_spec.template_data.format_option 'collection_video', a catalog",
        ),
    ],
    ids=["slideshows", "collection-video"],
)
def test_a_hand_built_template_s_format_imports_exactly_or_is_refused_by_name(
    midas: Midas, workspace: Path, bare: Path, fmt: str, refusal: str | None
) -> None:
    catalog_by_hand(workspace, shoes_template={"catalog_format": fmt, "multi_share_end_card": False})
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    if refusal is not None:
        assert result.code == 1, result.output
        assert refusal in " ".join(result.output.split()), result.output
        return
    assert result.code == 0, result.output
    assert midas("plan", "--detailed-exitcode").code == 0
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "dynamic-retargeting.yaml").read_text(encoding="utf-8")
    )["spec"]
    owns = {c["name"]: c.get("meta") for c in spec["creatives"]}
    assert owns == {
        "All ad": None,
        "Shoes ad": {"catalog_format": "slideshows", "multi_share_end_card": False},
    }, spec


#: A hand-built template's format as a console or Meta's echo may leave it, set on its template_data after
#: it is made (``object_story_spec.template_data`` fields), and what import writes (its ``meta``) or the
#: words of its refusal.
_SINGLE_ITEM, _MULTI_ITEMS, _SLIDESHOWS = (
    "carousel_images_single_item", "carousel_images_multi_items", "carousel_slideshows"
)  # fmt: skip
_CONSOLE_SHAPES = [
    ({"force_single_link": True, "multi_share_end_card": False}, {"catalog_format": "single"}),
    ({"format_option": "single_image", "multi_share_end_card": False}, {"catalog_format": "single"}),
    ({"force_single_link": True, "format_option": "single_image"}, {"catalog_format": "single"}),
    (
        {"force_single_link": True, "show_multiple_images": True, "format_option": _SINGLE_ITEM,
         "multi_share_end_card": False},
        {"catalog_format": "product_images"},
    ),
    ({"format_option": _MULTI_ITEMS, "multi_share_end_card": False}, {"multi_share_end_card": False}),
    ({"format_option": _SLIDESHOWS, "multi_share_end_card": True}, {"catalog_format": "slideshows"}),
    ({"format_option": _SINGLE_ITEM, "multi_share_end_card": True}, {"catalog_format": "product_images"}),
    (
        {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": True},
        {"catalog_format": "product_images"},
    ),
    (
        {"force_single_link": True, "format_option": _SINGLE_ITEM, "multi_share_end_card": False},
        "has object_story_spec.template_data.format_option 'carousel_images_single_item' beside "
        "force_single_link true (catalog_format single), a catalog ad format",
    ),
    (
        {"force_single_link": True, "format_option": "collection_video"},
        "has object_story_spec.template_data.format_option 'collection_video' beside force_single_link true "
        "(catalog_format single), a catalog ad format",
    ),
    (
        {"force_single_link": True, "format_option": "carousel_slideshows"},
        "has object_story_spec.template_data.format_option 'carousel_slideshows' beside force_single_link "
        "true (catalog_format single), a catalog ad format",
    ),
    (
        {"force_single_link": True, "format_option": "carousel_images_multi_items"},
        "has object_story_spec.template_data.format_option 'carousel_images_multi_items' beside "
        "force_single_link true (catalog_format single), a catalog ad format",
    ),
    (
        {"format_option": "collection_video"},
        "has object_story_spec.template_data.format_option 'collection_video', a catalog ad format",
    ),
    (
        {"format_option": "single", "multi_share_end_card": False},
        "has object_story_spec.template_data.format_option 'single', a catalog ad format",
    ),
    (
        {"show_multiple_images": True, "multi_share_end_card": False},
        "has object_story_spec.template_data.show_multiple_images true without force_single_link, a catalog "
        "ad format",
    ),
    (
        {"show_multiple_images": True, "format_option": _SINGLE_ITEM, "multi_share_end_card": False},
        "has object_story_spec.template_data.format_option 'carousel_images_single_item' beside "
        "show_multiple_images true, a catalog ad format",
    ),
]  # fmt: skip
_CONSOLE_SHAPE_IDS = [
    "single-link-without-end-card", "single-image-without-end-card", "single-image-beside-single-link",
    "single-item-beside-both", "multi-items-without-end-card", "slideshows-with-end-card",
    "single-item-with-end-card", "images-with-end-card", "single-item-beside-single-link",
    "collection-video-beside-single-link", "slideshows-beside-single-link", "multi-items-beside-single-link",
    "collection-video", "option-named-like-a-format", "images-without-single-link",
    "single-item-beside-images-without-single-link",
]  # fmt: skip


@pytest.mark.parametrize(("console", "imported"), _CONSOLE_SHAPES, ids=_CONSOLE_SHAPE_IDS)
def test_a_console_s_template_format_imports_exactly_or_is_refused_by_name(
    midas: Midas, workspace: Path, bare: Path, console: dict[str, Any], imported: dict[str, Any] | str
) -> None:
    """What a console or Meta's echo may leave in a template's ``template_data`` beside what MIDAS writes
    (an end card on a single product's ad, a ``format_option`` beside the settings): import writes a spec
    that loads and adopts with no change, or refuses the campaign naming the shape; never one that fails."""
    catalog_by_hand(workspace)
    creative = f"adcreative/{BY_HAND}/Shoes/Shoes ad@meta"
    sets = [f"object_story_spec.template_data.{k}={json.dumps(v)}" for k, v in console.items()]
    assert midas("sandbox", "set", creative, *sets).code == 0
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    if isinstance(imported, str):
        assert result.code == 1, result.output
        assert imported in " ".join(result.output.split()), result.output
        return
    assert result.code == 0, result.output
    assert midas("validate").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "dynamic-retargeting.yaml").read_text(encoding="utf-8")
    )["spec"]
    assert {c["name"]: c.get("meta") for c in spec["creatives"]} == {"All ad": None, "Shoes ad": imported}


def test_a_console_s_format_option_beside_a_managed_template_s_settings_is_unheld_restore_drops_it(
    midas: Midas, workspace: Path
) -> None:
    """A ``format_option`` a console sets beside a managed single template's ``force_single_link`` leaves the
    format the settings' (no perpetual diff were it Meta's echo): MIDAS holds it apart, never sent nor
    compared, so drift tells it as unheld and the plan warns; a snapshot of it restores to the specs
    without it, saying so; ``force_single_link`` on a default template is drift that apply restores."""
    spec = workspace / "specs" / "catalog-sales.yaml"
    single = CATALOG_SPEC.replace(_LAST_LINE, f"{_LAST_LINE}      meta: {{catalog_format: single}}\n")
    spec.write_text(single, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/catalog-sales/shoes/template@meta"
    console = "object_story_spec.template_data.format_option=collection_video"
    assert midas("sandbox", "set", creative, console).code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{creative}:meta-main"]
    assert item["kind"] == "unheld", item
    held = [(f["path"], f["live"]) for f in item["fields"]]
    assert held == [("template_format_option", "collection_video")], item
    said = "format_option 'collection_video' beside force_single_link true (catalog_format single)"
    assert said in " ".join(item["message"].split()), item
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and said in " ".join(plan.output.split()), plan.output
    assert midas("snapshot", "--name", "console").code == 0
    spec.write_text(CATALOG_SPEC, encoding="utf-8")
    written = midas("restore", "console", "--write-specs")
    assert written.code == 0, written.output
    dropped = "holds its template's format_option 'collection_video', which MIDAS never sends"
    assert dropped in " ".join(written.output.split()), written.output
    assert spec.read_text(encoding="utf-8") == single

    spec.write_text(CATALOG_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert (
        midas("sandbox", "set", creative, "object_story_spec.template_data.force_single_link=true").code == 0
    )
    assert midas("drift").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert "force_single_link" not in _template_data(workspace) and midas("drift").code == 0


def test_a_console_s_option_of_one_product_s_images_with_its_end_card_restores_as_meta_s_guide_makes_it(
    midas: Midas, workspace: Path
) -> None:
    """``format_option`` ``carousel_images_single_item`` alone reads as one product's images, its end card
    ignored (a carousel's alone): drift names the format alone, and a snapshot of it restores as Meta's guide
    makes that format (never force_single_link, show_multiple_images and an end card)."""
    (workspace / "specs" / "catalog-sales.yaml").write_text(CATALOG_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/catalog-sales/shoes/template@meta"
    sets = [
        "object_story_spec.template_data.format_option=carousel_images_single_item",
        "object_story_spec.template_data.multi_share_end_card=true",
    ]
    assert midas("sandbox", "set", creative, *sets).code == 0
    drift = midas("drift", "--format", "json")
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{creative}:meta-main"]
    assert [(f["path"], f["recorded"], f["live"]) for f in item["fields"]] == [
        ("catalog_format", None, "product_images")
    ], item
    assert midas("snapshot", "--name", "console").code == 0
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "console", "--auto-approve")
    assert restored.code == 0, restored.output
    wire = {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": False}
    assert {k: _template_data(workspace).get(k) for k in wire} == wire
    assert midas("drift").code == 0


def test_a_restore_of_a_template_whose_console_set_a_single_link_beside_its_option_drops_the_option(
    midas: Midas, workspace: Path
) -> None:
    """A slideshow template a console gave ``force_single_link``: the settings say single, its
    ``format_option`` held apart; a restore of its snapshot makes it single, warning that the option is
    dropped, and drift is clean after (the specs still say slideshows: the plan restores them)."""
    spec = workspace / "specs" / "catalog-sales.yaml"
    own = f"{_LAST_LINE}      meta: {{catalog_format: slideshows, multi_share_end_card: false}}\n"
    spec.write_text(CATALOG_SPEC.replace(_LAST_LINE, own), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/catalog-sales/shoes/template@meta"
    assert (
        midas("sandbox", "set", creative, "object_story_spec.template_data.force_single_link=true").code == 0
    )
    assert midas("snapshot", "--name", "c").code == 0
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "c", "--auto-approve")
    assert restored.code == 0, restored.output
    dropped = "snapshot 'c' holds its template's format_option 'carousel_slideshows', which MIDAS never sends"
    assert dropped in " ".join(restored.output.split()), restored.output
    data = _template_data(workspace)
    assert data.get("force_single_link") is True and "format_option" not in data, data
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 2
