"""Meta Advantage+ catalog ads campaigns for the example workspace (``meta.catalog`` on meta-main)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakes.hand_built import meta_campaign, write_all
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: The product catalog, the product set every ad set shows but one, and that one's.
CATALOG_ID = "8800112233"
ALL_PRODUCTS = "7700000001"
SHOES = "7700000002"
SHOP = "https://shop.example.com/"

CATALOG_SPEC = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: catalog-sales
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: sales
  budget: {{daily: 40.00, currency: USD}}
  targeting:
    locations: [US]
  meta:
    catalog: "{CATALOG_ID}"
    product_set: "{ALL_PRODUCTS}"
  ad_groups:
    - name: everything
    - name: shoes
      meta: {{product_set: "{SHOES}"}}
  creatives:
    - name: template
      type: catalog
      headlines: ["{{{{product.name}}}}"]
      descriptions: ["Now {{{{product.current_price}}}}"]
      primary_text: "Back in stock: {{{{product.name | titleize}}}} by {{{{product.brand}}}}"
      final_url: {SHOP}
      call_to_action: shop_now
"""


def with_a_catalog_campaign(root: Path) -> Path:
    """``root``'s workspace with the catalog-sales campaign (``specs/catalog-sales.yaml``): two ad sets of
    one catalog, one showing every product and one the shoes, each running one template."""
    (root / "specs" / "catalog-sales.yaml").write_text(CATALOG_SPEC, encoding="utf-8")
    return root


#: The hand-built catalog campaign's name on Meta.
BY_HAND = "Dynamic Retargeting"


def template(name: str, **extra: Any) -> dict[str, Any]:
    """A template creative's fields as the connectors write them (``template``: ``template_data``)."""
    return {
        "name": name,
        "template": True,
        "title": "{{product.name}}",
        "body": "Still thinking about {{product.name}}?",
        "description": "{{product.price}}",
        "link_url": SHOP,
        "call_to_action_type": "SHOP_NOW",
        **extra,
    }


def catalog_by_hand(
    workspace: Path,
    *,
    page_id: str | None = None,
    shoes_template: dict[str, Any] | None = None,
    title: str = "{{product.name}}",
) -> None:
    """An Advantage+ catalog campaign built by hand in Ads Manager on meta-main: a sales campaign promoting
    ``CATALOG_ID`` with ad sets "All" (``ALL_PRODUCTS``) and "Shoes" (``SHOES``), each with a template ad
    (the Shoes one with the fields ``shoes_template`` too, when given), titled ``title``."""

    def adset(name: str, product_set: str) -> dict[str, object]:
        own = (shoes_template or {}) if name == "Shoes" else {}
        return {
            "fields": {
                "name": name,
                "status": "ACTIVE",
                "optimization_goal": "OFFSITE_CONVERSIONS",
                "billing_event": "IMPRESSIONS",
                "promoted_object": {"product_set_id": product_set},
                "targeting": {"age_min": 18, "age_max": 65, "geo_locations": {"countries": ["US"]}},
            },
            "ads": {
                f"{name} ad": (
                    {"status": "ACTIVE"},
                    template(
                        f"{name} template", title=title, **({"page_id": page_id} if page_id else {}), **own
                    ),
                )
            },
        }

    campaign = {
        "objective": "OUTCOME_SALES",
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 3000,
        "promoted_object": {"product_catalog_id": CATALOG_ID},
    }
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    ops = meta_campaign(
        "meta-main", BY_HAND, campaign=campaign, adsets=[adset("All", ALL_PRODUCTS), adset("Shoes", SHOES)]
    )
    write_all(meta, ops)
