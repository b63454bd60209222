"""Meta link ads showing a display link (a creative's ``meta.display_link``) for the example workspace
(meta-main)."""

from __future__ import annotations

from pathlib import Path

from fakes.hand_built import link_ads_by_hand
from fakes.meta_messaging import PAGE_ID

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
    link_ads_by_hand(
        workspace,
        SHOES_BY_HAND,
        page_id=PAGE_ID,
        copy=("New shoes", "New shoes every week."),
        link_url="https://shop.example.com/shoes",
        ads={"Shown ad": {"display_link": shown}, "Plain ad": {}},
    )
