"""Spec rules of Google Demand Gen product ads (``type: product``) and their campaign's Merchant Center link
(``google.demand_gen``): each error at its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.example import DEMAND_GEN_PRODUCT_SPEC

from midas_reconcile.connectors.google_product_ad import product_ad_fields
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.spec import load_workspace

SETTINGS = """\
version: 1
accounts:
  google-main: {platform: google, customer_id: "1234567890", currency: USD}
  meta-main: {platform: meta, ad_account_id: act_1234567890, currency: USD, pixel_id: 1234}
"""


def _issues(root: Path, text: str) -> list[SpecIssue]:
    (root / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (root / "specs").mkdir()
    (root / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return caught.value.issues


def _line(text: str, token: str) -> int:
    """The last line of ``text`` holding ``token`` (1-based): the product ad comes after the other."""
    return max(n for n, line in enumerate(text.splitlines(), 1) if token in line)


def test_the_product_spec_loads_with_its_merchant_and_product_ad(tmp_path: Path) -> None:
    (tmp_path / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    spec = load_workspace(tmp_path, env={}).campaigns["trail-demand"].spec
    assert spec.google.demand_gen is not None
    assert (spec.google.demand_gen.merchant_id, spec.google.demand_gen.feed_label) == ("987654321", "US")
    shelf = next(c for c in spec.creatives if c.name == "shelf")
    assert (shelf.type, shelf.headlines, shelf.descriptions) == ("product", [], [])


CASES = [
    (
        "product-ad-on-meta-too",
        ("      platforms: [google]\n      primary_text: Shoes", "      primary_text: Shoes"),
        "      type: product",
        "spec.creatives[1].type",
        "found a product ad running on Meta; a Demand Gen product ad shows the products of a Google Merchant "
        "Center account, which Meta has nothing like: expected 'platforms: [google]' on it",
    ),
    (
        "product-ad-without-merchant",
        ("    demand_gen: {merchant_id: 987654321, feed_label: US}\n", ""),
        "      type: product",
        "spec.creatives[1].type",
        "expected google.demand_gen.merchant_id on the campaign",
    ),
    (
        "product-ad-without-headline",
        ("        headline: Trail shoes in stock\n", ""),
        "    - name: shelf",
        "spec.creatives[1]",
        "a Google Demand Gen product ad needs google.headline (the ad's headline); found none",
    ),
    (
        "product-ad-of-two-logos",
        ('logo_images: ["1003"]\n        breadcrumb1', 'logo_images: ["1003", "1004"]\n        breadcrumb1'),
        '        logo_images: ["1003", "1004"]',
        "spec.creatives[1].google.logo_images",
        "found 2 logo_images; a Google Demand Gen product ad shows one logo",
    ),
    (
        "product-ad-with-marketing-images",
        ("        breadcrumb2: shoes\n", '        breadcrumb2: shoes\n        marketing_images: ["1001"]\n'),
        '        marketing_images: ["1001"]',
        "spec.creatives[1].google.marketing_images",
        "found marketing_images; a Google Demand Gen product ad takes headline, business_name",
    ),
    (
        "product-ad-with-headlines",
        ("      type: product\n", "      type: product\n      headlines: [Shoes]\n"),
        "      headlines: [Shoes]",
        "spec.creatives[1].headlines",
        "found headlines; a Google Demand Gen product ad shows one headline (google.headline)",
    ),
    (
        "merchant-on-a-display-campaign",
        ("channel: demand_gen", "channel: display"),
        "    demand_gen: {merchant_id",
        "spec.google.demand_gen",
        "found demand_gen (a Merchant Center account for product ads); it is a Google Demand Gen campaign's",
    ),
    (
        "feed-label-of-lower-case",
        ("feed_label: US", "feed_label: us"),
        "    demand_gen: {merchant_id",
        "spec.google.demand_gen.feed_label",
        "",
    ),
]


@pytest.mark.parametrize(
    ("change", "token", "field", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_product_ad_rules_point_at_the_offending_node(
    tmp_path: Path, change: tuple[str, str], token: str, field: str, message: str
) -> None:
    old, new = change
    assert old in DEMAND_GEN_PRODUCT_SPEC
    text = DEMAND_GEN_PRODUCT_SPEC.replace(old, new, 1)
    found = [i for i in _issues(tmp_path, text) if i.field == field]
    assert [i.file for i in found] == ["specs/c.yaml"], [str(i) for i in found]
    assert found[0].line == _line(text, token), str(found[0])
    assert message in str(found[0]), str(found[0])


@pytest.mark.parametrize("logo", ["customers/1/assets/1003", "1003"])
def test_a_product_ad_s_logo_is_read_as_its_asset_id_whatever_form_it_comes_in(logo: str) -> None:
    """Google answers a resource name; a row holding the bare id (a console edit of the sandbox, an older
    record) reads the same, rather than crash the plan or drift reading it."""
    info = {"headline": {"text": "Trail"}, "logo_image": {"asset": logo}}
    assert product_ad_fields(info) == {"headline": "Trail", "logo_images": ["1003"]}
