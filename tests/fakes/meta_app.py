"""A Meta app-promotion campaign for the example workspace (``objective: app_promotion`` on meta-main)."""

from __future__ import annotations

from pathlib import Path

from fakes.hand_built import meta_campaign, write_all
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: The app the example promotes, and its standard Google Play page (``App.page()``).
META_APP_ID = "9876543210"
PLAY_PAGE = "https://play.google.com/store/apps/details?id=com.example.game"

GAME_INSTALLS = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: game-installs
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: app_promotion
  app:
    store: google_play
    id: com.example.game
    meta_app_id: "{META_APP_ID}"
  budget: {{daily: 20.00, currency: USD}}
  targeting:
    ages: {{min: 18, max: 44}}
    locations: [US]
  ad_groups:
    - name: players
    - name: puzzlers
      targeting: {{interests: [Video games]}}
  creatives:
    - name: install
      headlines: [Play the game]
      descriptions: [A puzzle a day.]
      primary_text: Free to play, hard to put down.
"""


def with_an_app_campaign(root: Path) -> Path:
    """``root``'s workspace with the game-installs campaign (``specs/game-installs.yaml``)."""
    (root / "specs" / "game-installs.yaml").write_text(GAME_INSTALLS, encoding="utf-8")
    return root


#: The hand-built app campaign's name on Meta.
BY_HAND = "Game Installs (Android)"


def game_installs_by_hand(
    workspace: Path,
    *,
    store_url: str = PLAY_PAGE,
    apps: tuple[str, ...] = (META_APP_ID,),
    page_id: str | None = None,
    objective: str = "OUTCOME_APP_PROMOTION",
) -> None:
    """An app-promotion campaign built by hand in Ads Manager on meta-main: one ad set per app id of
    ``apps`` ("Players", then "Players 2" …), each promoting it at ``store_url`` on its OS, with an
    INSTALL_MOBILE_APP ad linking to the store page, run as the Facebook Page ``page_id`` if given
    (``objective``: the campaign's, another one's to see it refused)."""
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    adsets = [
        {
            "fields": {
                "name": "Players" if index == 0 else f"Players {index + 1}",
                "status": "ACTIVE",
                "optimization_goal": "APP_INSTALLS",
                "billing_event": "IMPRESSIONS",
                "promoted_object": {"application_id": app_id, "object_store_url": store_url},
                "targeting": {
                    "age_min": 18,
                    "age_max": 44,
                    "geo_locations": {"countries": ["US"]},
                    "user_os": ["iOS" if "apple.com" in store_url else "Android"],
                    "device_platforms": ["mobile"],
                },
            },
            "ads": {
                "Install ad": (
                    {"status": "ACTIVE"},
                    {
                        "name": "Install ad creative",
                        "title": "Play the game",
                        "body": "Free to play, hard to put down.",
                        "link_url": store_url,
                        "call_to_action_type": "INSTALL_MOBILE_APP",
                        **({"page_id": page_id} if page_id else {}),
                    },
                )
            },
        }
        for index, app_id in enumerate(apps)
    ]
    campaign = {
        "objective": objective,
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 2000,
    }
    write_all(meta, meta_campaign("meta-main", BY_HAND, campaign=campaign, adsets=adsets))
