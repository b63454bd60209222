"""A Meta catalog template's static cards (``meta.static_cards``) through the CLI on the sandbox: sent as
Meta's guide makes them (``template_data.child_attachments``, each ``static_card`` true, around the product
card), converged, a console change reported as drift and restored, imported and adopted exactly, snapshotted
and restored, named as Meta's alone by ``compare``'s importer and ``mirror``, and spec mistakes refused at
their line with nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_catalog import CATALOG_SPEC, SHOP, catalog_by_hand

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

#: The catalog spec's last line (its template's call to action), which its template's ``meta`` follows.
_LAST_LINE = "      call_to_action: shop_now\n"
COUPON = "https://shop.example.com/coupon"
LOOKBOOK = "https://shop.example.com/lookbook"
_STATIC = f"""\
      meta:
        static_cards:
          before:
            - headline: Coupon
              description: 30% off
              final_url: {COUPON}
              image_hash: 0123456789abcdef0123456789abcdef
          after:
            - headline: Lookbook
              final_url: {LOOKBOOK}
              image_url: https://shop.example.com/lookbook.png
"""
STATIC_SPEC = CATALOG_SPEC.replace(_LAST_LINE, _LAST_LINE + _STATIC)
#: The template's wire as Meta's guide makes it ("Create a carousel Advantage+ catalog ads template with the
#: first card as a coupon static card"): the cards before, the product card, the cards after; each button its
#: type alone (the guide's template fields table: "The `value` field should be omitted").
_WIRE_CARDS = [
    {
        "link": COUPON,
        "name": "Coupon",
        "description": "30% off",
        "image_hash": "0123456789abcdef0123456789abcdef",
        "call_to_action": {"type": "SHOP_NOW"},
        "static_card": True,
    },
    {
        "name": "{{product.name}}",
        "description": "Now {{product.current_price}}",
        "call_to_action": {"type": "SHOP_NOW"},
    },
    {
        "link": LOOKBOOK,
        "name": "Lookbook",
        "picture": "https://shop.example.com/lookbook.png",
        "call_to_action": {"type": "SHOP_NOW"},
        "static_card": True,
    },
]
_CREATIVE = "adcreative/catalog-sales/shoes/template@meta"


def _template_data(workspace: Path) -> dict[str, Any]:
    creatives = meta_live_nodes(workspace, "adcreative")
    return dict(creatives["catalog-sales/shoes/template"]["object_story_spec"]["template_data"])


def test_static_cards_apply_as_meta_s_guide_makes_them_and_converge(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert _template_data(workspace) == {
        "link": SHOP,
        "message": "Back in stock: {{product.name | titleize}} by {{product.brand}}",
        "child_attachments": _WIRE_CARDS,
    }
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def test_a_console_change_of_a_static_card_is_drift_the_next_apply_restores(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    edit = "object_story_spec.template_data.child_attachments.0.name=Big coupon"
    assert midas("sandbox", "set", _CREATIVE, edit).code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{_CREATIVE}:meta-main"]
    fields = [(f["path"], f["recorded"], f["live"]) for f in item["fields"]]
    assert ("static_cards_before.0.title", "Coupon", "Big coupon") in fields, item
    assert midas("apply", "--auto-approve").code == 0
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    assert midas("drift").code == 0


def test_static_cards_removed_from_a_template_are_sent_no_more_and_restore_from_a_snapshot(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "catalog-sales.yaml"
    spec.write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "cards").code == 0
    spec.write_text(CATALOG_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert "child_attachments" not in _template_data(workspace)
    assert midas("plan", "--detailed-exitcode").code == 0

    restored = midas("restore", "cards", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    written = midas("restore", "cards", "--write-specs")
    assert written.code == 0, written.output
    assert spec.read_text(encoding="utf-8") == STATIC_SPEC
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_hand_built_template_s_static_cards_import_and_adopt_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    card = {
        "link_url": COUPON,
        "title": "Coupon",
        "image_hash": "0123456789abcdef0123456789abcdef",
        "call_to_action_type": "SHOP_NOW",
    }
    catalog_by_hand(workspace, shoes_template={"static_cards_before": [card]})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert "No changes" in plan.output, plan.output
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "dynamic-retargeting.yaml").read_text(encoding="utf-8")
    )["spec"]
    static = [c["meta"]["static_cards"] for c in spec["creatives"] if "static_cards" in c.get("meta", {})]
    assert static == [
        {
            "before": [
                {"headline": "Coupon", "final_url": COUPON, "image_hash": "0123456789abcdef0123456789abcdef"}
            ]
        }
    ], spec


def test_mirror_to_google_names_a_template_s_static_cards_as_needing_attention(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    result = midas("mirror", "campaign/catalog-sales", "--to", "google")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert "the static cards of its template 'template' (meta.static_cards) are Meta's alone" in said, said
    assert "need attention" in said, said
    assert (workspace / "specs" / "catalog-sales.yaml").read_text(encoding="utf-8") == STATIC_SPEC


_CARD_LINE = STATIC_SPEC.splitlines().index("            - headline: Coupon") + 1
_STATIC_LINE = STATIC_SPEC.splitlines().index("        static_cards:") + 1


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (
            (f"              final_url: {COUPON}\n", ""),
            _CARD_LINE,
            "a static card needs 'final_url' (where it sends people); found none",
        ),
        (
            ("              image_hash: 0123456789abcdef0123456789abcdef\n", ""),
            _CARD_LINE,
            "a static card needs 'image_url', 'image_hash' or 'video_id'; found none",
        ),
        (
            ("headline: Coupon", "headline: '{{product.name}}'"),
            _CARD_LINE,
            "found a template tag in a static card's headline; expected plain text",
        ),
        (
            (
                "image_url: https://shop.example.com/lookbook.png",
                "image_url: https://x.example/{{product.id}}.png",
            ),
            STATIC_SPEC.splitlines().index("              image_url: https://shop.example.com/lookbook.png")
            + 1,
            "found a template tag in a static card's image_url; expected plain text",
        ),
        (
            (_LAST_LINE + "      meta:\n", _LAST_LINE + "      meta:\n        catalog_format: single\n"),
            _STATIC_LINE + 1,  # below the catalog_format line the edit adds
            "found static_cards on a catalog template of catalog_format single",
        ),
    ],
    ids=["no-link", "no-image", "template-tag", "template-tag-in-image", "single-product"],
)
def test_static_card_spec_mistakes_are_refused_at_their_line(
    midas: Midas, workspace: Path, edit: tuple[str, str], line: int, message: str
) -> None:
    assert edit[0] in STATIC_SPEC
    written = STATIC_SPEC.replace(*edit)
    (workspace / "specs" / "catalog-sales.yaml").write_text(written, encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert message in said, result.output
    assert f"catalog-sales.yaml:{line}:" in result.output, result.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1, applied.output
    assert meta_live_nodes(workspace, "adcreative") == {}


def test_static_cards_on_a_creative_other_than_a_template_are_refused_at_their_line(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    source = spec.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "type: text")
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at + 1, f"{indent}meta: {{static_cards: {{after: [{{final_url: '{COUPON}'}}]}}}}\n")
    spec.write_text("".join(lines), encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert "found static_cards on a text creative; expected them only on a catalog template" in said, said
    assert f"spring-sale.yaml:{at + 2}:" in result.output, result.output


def test_import_refuses_a_template_whose_cards_no_static_cards_say_and_writes_nothing(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    card = {"link_url": COUPON, "title": "Coupon", "image_hash": "0123456789abcdef0123456789abcdef"}
    catalog_by_hand(
        workspace, shoes_template={"static_cards_before": [{**card, "call_to_action_type": "SHOP_NOW"}]}
    )
    creative = "adcreative/Dynamic Retargeting/Shoes/Shoes ad@meta"
    edit = "object_story_spec.template_data.child_attachments.0.static_card=false"
    edited = midas("sandbox", "set", creative, edit)
    assert edited.code == 0, edited.output
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        "is a catalog ad template with object_story_spec.template_data.child_attachments with 2 product"
        in said
    )
    assert "a MIDAS catalog creative's cards are its meta.static_cards" in said, said
    assert not (workspace / "specs" / "imported").exists()


_CROPS = {"100x100": [[0, 0], [1, 1]]}


def test_a_console_crop_of_a_static_card_is_drift_by_name_the_apply_undoes_and_a_snapshot_holds(
    midas: Midas, workspace: Path
) -> None:
    """A setting no spec says on one static card (its ``image_crops``) reads on that card, the template's
    other cards and texts as they are: drift names the crop (not the texts, button and cards deleted); a
    snapshot taken meanwhile holds the crop, so restoring it leaves the records saying what is live and the
    plan still naming the crop (never records refreshed to a read without the cards, hiding the edit); the
    apply replaces the creative back, and the snapshot from before the edit restores to no change."""
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "clean").code == 0
    crop = f"object_story_spec.template_data.child_attachments.0.image_crops={json.dumps(_CROPS)}"
    assert midas("sandbox", "set", _CREATIVE, crop).code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{_CREATIVE}:meta-main"]
    fields = [(f["path"], f["recorded"], f["live"]) for f in item["fields"]]
    assert fields == [("static_cards_before.0.image_crops.100x100", None, _CROPS["100x100"])], item

    assert midas("snapshot", "--name", "cropped").code == 0
    restored = midas("restore", "cropped", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("drift").code == 0  # the records now say what is live: the crop, with the cards and texts
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2, plan.output
    assert "static_cards_before.0.image_crops.100x100" in plan.output, plan.output
    assert "forces replacement" in plan.output, plan.output
    for gone in ("title", "description", "call_to_action_type"):
        assert f"~ {gone}:" not in plan.output and f"- {gone}:" not in plan.output, plan.output

    assert midas("apply", "--auto-approve").code == 0
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    assert midas("drift").code == 0
    clean = midas("restore", "clean", "--auto-approve")
    assert clean.code == 0, clean.output
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("setting", "value", "path"),
    [
        ("image_crops", _CROPS, "product_card.image_crops.100x100"),
        ("link", "https://shop.example.com/sale", "product_card.link"),
    ],
)
def test_a_console_setting_on_a_template_s_product_card_is_drift_by_name_the_apply_undoes(
    midas: Midas, workspace: Path, setting: str, value: Any, path: str
) -> None:
    """A setting no spec says added in a console to a managed template's product card (its ``image_crops``,
    a ``link`` of its own) is drift named on the product card (``product_card.<setting>``), as a static
    card's is, and the plan names it; the template as MIDAS sent it plans no change, and the apply, which
    remakes the creative without it, converges."""
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    untouched = midas("plan", "--detailed-exitcode")
    assert untouched.code == 0 and "No changes" in untouched.output, untouched.output
    edit = f"object_story_spec.template_data.child_attachments.1.{setting}={json.dumps(value)}"
    assert midas("sandbox", "set", _CREATIVE, edit).code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == f"{_CREATIVE}:meta-main"]
    fields = [(f["path"], f["recorded"], f["live"]) for f in item["fields"]]
    expected = value["100x100"] if isinstance(value, dict) else value
    assert fields == [(path, None, expected)], item
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2, plan.output
    assert path in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_templates_sent_with_their_buttons_old_value_link_plan_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """Upgrade safety: templates MIDAS sent before it omitted the button's ``value`` (its own link on the
    template's and each static card's button) read as sent now: an apply made then plans nothing now."""
    spec = workspace / "specs" / "catalog-sales.yaml"
    spec.write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    for index, link in ((0, COUPON), (2, LOOKBOOK)):
        at = f"object_story_spec.template_data.child_attachments.{index}.call_to_action.value"
        old = f'{at}={{"link": "{link}"}}'
        assert midas("sandbox", "set", _CREATIVE, old).code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert "No changes" in plan.output, plan.output
    assert midas("drift").code == 0

    spec.write_text(CATALOG_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert _template_data(workspace)["call_to_action"] == {"type": "SHOP_NOW"}
    old = f'object_story_spec.template_data.call_to_action.value={{"link": "{SHOP}"}}'
    assert midas("sandbox", "set", _CREATIVE, old).code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert "No changes" in plan.output, plan.output
    assert midas("drift").code == 0


@pytest.mark.parametrize("fmt", ["single", "product_images"])
def test_import_refuses_static_cards_on_a_hand_built_template_of_one_product_by_name(
    midas: Midas, workspace: Path, bare: Path, fmt: str
) -> None:
    """A template of one product (``force_single_link``) carrying static cards is refused by name, as other
    cards no spec says are, writing nothing — not a spec written that then fails to load."""
    card = {
        "link_url": COUPON,
        "title": "Coupon",
        "image_hash": "0123456789abcdef0123456789abcdef",
        "call_to_action_type": "SHOP_NOW",
    }
    catalog_by_hand(workspace, shoes_template={"static_cards_before": [card], "catalog_format": fmt})
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert f"static cards on a template of catalog_format {fmt}" in said, said
    assert "ad 'Shoes ad' in ad set 'Shoes'" in said, said
    assert "would not load" not in said, said
    assert not (workspace / "specs" / "imported").exists()


def test_restoring_a_snapshot_of_a_cropped_static_card_the_apply_undid_warns_the_crop_is_not_sent(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot holding a console's crop of a static card, restored once the apply undid the crop: MIDAS
    never sends a card's other settings, so the restore remakes the creative without it and says so; drift
    then reports the crop the records hold as missing, and the next apply refreshes the records."""
    (workspace / "specs" / "catalog-sales.yaml").write_text(STATIC_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    crop = f"object_story_spec.template_data.child_attachments.0.image_crops={json.dumps(_CROPS)}"
    assert midas("sandbox", "set", _CREATIVE, crop).code == 0
    assert midas("snapshot", "--name", "cropped").code == 0
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "cropped", "--auto-approve")
    assert restored.code == 0, restored.output
    said = " ".join(restored.output.split())
    assert (
        "snapshot 'cropped' holds settings of its cards (static_cards_before[0].image_crops), which MIDAS "
        "never sends: the restored creative runs without them" in said
    ), said
    assert _template_data(workspace)["child_attachments"] == _WIRE_CARDS
    assert midas("drift").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
