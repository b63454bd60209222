"""Meta instant-form lead ads for the example workspace (``meta.destination: form`` on meta-main)."""

from __future__ import annotations

from pathlib import Path

from fakes.hand_built import meta_campaign, write_all
from fakes.meta_messaging import PAGE_ID
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: The ids of the Page's instant forms the example's ads open (made in the console: MIDAS makes none).
FORM_ID = "901234567890"
OTHER_FORM_ID = "909876543210"

LEADS = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: quotes
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: leads
  budget: {{daily: 20.00, currency: USD}}
  targeting:
    ages: {{min: 25, max: 54}}
    locations: [US]
  meta:
    destination: form
  ad_groups:
    - name: quote-forms
  creatives:
    - name: get-a-quote
      type: image
      image_url: https://cdn.example.com/quote.png
      final_url: https://shop.example.com/quotes
      headlines: [Get a quote]
      descriptions: []
      primary_text: Tell us what you need, we call you back.
      call_to_action: get_quote
      meta: {{lead_form_id: "{FORM_ID}"}}
"""


def with_a_lead_form_campaign(root: Path, text: str = LEADS) -> Path:
    """``root``'s workspace with the quotes campaign (``specs/quotes.yaml``): one ad set opening an instant
    form, one image ad opening form ``FORM_ID``."""
    (root / "specs" / "quotes.yaml").write_text(text, encoding="utf-8")
    return root


#: The hand-built lead ads campaign's name on Meta.
LEADS_BY_HAND = "Free Quotes"


def lead_forms_by_hand(
    workspace: Path,
    *,
    form_id: str | None = FORM_ID,
    destination: str = "ON_AD",
    objective: str = "OUTCOME_LEADS",
) -> None:
    """A lead ads campaign built by hand in Ads Manager on meta-main: a leads campaign with one ad set
    ("Quotes") whose ads open an instant form (``destination``), optimising for leads, and its image ad
    whose SIGN_UP button opens ``form_id`` (None: none), run as the Page; ``objective`` the campaign's."""
    creative: dict[str, object] = {
        "name": "Quotes ad creative",
        "title": "Get a quote",
        "body": "Tell us what you need, we call you back.",
        "image_url": "https://cdn.example.com/quote.png",
        "link_url": "https://shop.example.com/quotes",
        "call_to_action_type": "SIGN_UP",
        "page_id": PAGE_ID,
    }
    if form_id is not None:
        creative["lead_gen_form_id"] = form_id
    adset = {
        "fields": {
            "name": "Quotes",
            "status": "ACTIVE",
            "optimization_goal": "LEAD_GENERATION",
            "billing_event": "IMPRESSIONS",
            "destination_type": destination,
            "promoted_object": {"page_id": PAGE_ID},
            "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
        },
        "ads": {"Quotes ad": ({"status": "ACTIVE"}, creative)},
    }
    campaign = {
        "objective": objective,
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 2000,
    }
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", LEADS_BY_HAND, campaign=campaign, adsets=[adset]))
