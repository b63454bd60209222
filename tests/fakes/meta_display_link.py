"""Meta link ads showing a display link (a creative's ``meta.display_link``) for the example workspace
(meta-main)."""

from __future__ import annotations

from pathlib import Path

from fakes.hand_built import meta_campaign, write_all
from fakes.meta_messaging import PAGE_ID
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: The display link the shoes ad shows in place of shop.example.com.
SHOWN = "example.com/shoes"

#: A traffic campaign of one ad set: an image ad showing a display link, and one showing its link's domain.
SHOES = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: shoes
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: traffic
  budget: {{daily: 20.00, currency: USD}}
  targeting:
    ages: {{min: 25, max: 54}}
    locations: [US]
  ad_groups:
    - name: feed
  creatives:
    - name: shown
      type: image
      image_url: https://cdn.example.com/shoes.png
      final_url: https://shop.example.com/shoes
      headlines: [New shoes]
      descriptions: []
      primary_text: New shoes every week.
      meta: {{display_link: {SHOWN}}}
    - name: plain
      type: image
      image_url: https://cdn.example.com/boots.png
      final_url: https://shop.example.com/boots
      headlines: [New boots]
      descriptions: []
      primary_text: New boots every week.
"""

#: The hand-built campaign's name on Meta.
SHOES_BY_HAND = "Shoes By Hand"


def with_a_shoes_campaign(root: Path, spec: str = SHOES) -> Path:
    """``root``'s workspace with the shoes campaign (``specs/shoes.yaml``)."""
    (root / "specs" / "shoes.yaml").write_text(spec, encoding="utf-8")
    return root


def shoes_by_hand(workspace: Path, *, shown: str = SHOWN) -> None:
    """A traffic campaign built by hand in Ads Manager on meta-main: one ad set ("Feed") with a link ad
    showing display link ``shown`` (``link_data.caption``) and one showing its link's domain."""

    def creative(name: str, **extra: str) -> dict[str, object]:
        return {
            "name": f"{name} creative",
            "title": "New shoes",
            "body": "New shoes every week.",
            "image_url": f"https://cdn.example.com/{name.lower().replace(' ', '-')}.png",
            "link_url": "https://shop.example.com/shoes",
            "call_to_action_type": "SHOP_NOW",
            "page_id": PAGE_ID,
            **extra,
        }

    adset = {
        "fields": {
            "name": "Feed",
            "status": "ACTIVE",
            "optimization_goal": "LINK_CLICKS",
            "billing_event": "IMPRESSIONS",
            "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
        },
        "ads": {
            "Shown ad": ({"status": "ACTIVE"}, creative("Shown ad", display_link=shown)),
            "Plain ad": ({"status": "ACTIVE"}, creative("Plain ad")),
        },
    }
    campaign = {
        "objective": "OUTCOME_TRAFFIC",
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 2000,
    }
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", SHOES_BY_HAND, campaign=campaign, adsets=[adset]))
