"""A Meta app-promotion campaign for the example workspace (``objective: app_promotion`` on meta-main)."""

from __future__ import annotations

from pathlib import Path

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
