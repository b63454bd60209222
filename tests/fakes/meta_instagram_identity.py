"""Meta ads run as the account's Instagram account (a creative's ``meta.instagram_identity``) for the example
workspace (meta-main)."""

from __future__ import annotations

from pathlib import Path

from fakes.hand_built import link_ads_by_hand
from fakes.meta_messaging import INSTAGRAM_USER_ID, PAGE_ID

#: A traffic campaign of one ad set: an image ad run as the Instagram account, and one run as the Page alone.
GRAM = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: gram
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting:
    ages: {min: 25, max: 54}
    locations: [US]
  ad_groups:
    - name: feed
  creatives:
    - name: as-instagram
      type: image
      image_url: https://cdn.example.com/gram.png
      final_url: https://shop.example.com/gram
      headlines: [Seen on Instagram]
      descriptions: []
      primary_text: New arrivals every week.
      meta: {instagram_identity: true}
    - name: as-page
      type: image
      image_url: https://cdn.example.com/page.png
      final_url: https://shop.example.com/page
      headlines: [Seen on Facebook]
      descriptions: []
      primary_text: New arrivals every week.
"""

#: The hand-built campaign's name on Meta.
GRAM_BY_HAND = "Seen On Instagram"


def with_a_gram_campaign(root: Path, spec: str = GRAM) -> Path:
    """``root``'s workspace with the gram campaign (``specs/gram.yaml``)."""
    (root / "specs" / "gram.yaml").write_text(spec, encoding="utf-8")
    return root


def gram_by_hand(workspace: Path, *, instagram_user_id: str = INSTAGRAM_USER_ID) -> None:
    """A traffic campaign built by hand in Ads Manager on meta-main: one ad set ("Feed") with a link ad run as
    the Page and as the Instagram account ``instagram_user_id``, and a link ad run as the Page alone."""
    link_ads_by_hand(
        workspace,
        GRAM_BY_HAND,
        page_id=PAGE_ID,
        copy=("Seen on Instagram", "New arrivals every week."),
        link_url="https://shop.example.com/gram",
        ads={"Gram ad": {"instagram_user_id": instagram_user_id}, "Page ad": {}},
    )
