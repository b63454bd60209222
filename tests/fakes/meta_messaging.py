"""Meta click-to-message campaigns for the example workspace (``meta.destination`` on meta-main)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from fakes.hand_built import meta_campaign, write_all
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: The Page people message, and the WhatsApp business number the example's ads open a chat with.
PAGE_ID = "1122334455"
WHATSAPP_NUMBER = "+15551230000"
#: Meta's example links of a click-to-message ad (``spec._meta_messaging``).
MESSENGER_LINK = "https://fb.com/messenger_doc/"
WHATSAPP_LINK = "https://api.whatsapp.com/send"

CHATS = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: chats
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: engagement
  budget: {{daily: 20.00, currency: USD}}
  targeting:
    ages: {{min: 25, max: 54}}
    locations: [US]
  meta:
    destination: whatsapp
    whatsapp_number: "{WHATSAPP_NUMBER}"
  ad_groups:
    - name: whatsapp-chats
    - name: messenger-chats
      meta: {{destination: messenger}}
  creatives:
    - name: ask-us
      type: image
      image_url: https://cdn.example.com/ask.png
      headlines: [Ask us anything]
      descriptions: []
      primary_text: Questions about your order? Message us.
"""


def with_page(root: Path) -> Path:
    """``root``'s workspace whose sandbox Meta account names the Page its ads run as (``PAGE_ID``)."""
    settings = yaml.safe_load((root / "midas.yaml").read_text(encoding="utf-8"))
    settings["accounts"]["meta-main"]["page_id"] = PAGE_ID
    (root / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return root


def with_a_messaging_campaign(root: Path) -> Path:
    """``root``'s workspace with the chats campaign (``specs/chats.yaml``): a WhatsApp ad set with its
    number and a Messenger one, one image ad each."""
    (root / "specs" / "chats.yaml").write_text(CHATS, encoding="utf-8")
    return root


#: The hand-built click-to-message campaign's name on Meta.
BY_HAND = "Chat With Us"


def chats_by_hand(
    workspace: Path,
    *,
    page_id: str = PAGE_ID,
    whatsapp_number: str | None = WHATSAPP_NUMBER,
    welcome: dict[str, object] | None = None,
) -> None:
    """A click-to-message campaign built by hand in Ads Manager on meta-main: an engagement campaign with a
    WhatsApp ad set ("WhatsApp", naming ``whatsapp_number`` when given) and a Messenger one ("Messenger"),
    optimising for conversations, each with an image ad whose button opens its app, run as ``page_id``, and
    greeting with ``welcome`` when given (a normalised ``page_welcome_message``:
    ``connectors.meta_welcome``)."""

    def adset(
        name: str, destination: str, link: str, action: str, promoted: dict[str, str]
    ) -> dict[str, object]:
        return {
            "fields": {
                "name": name,
                "status": "ACTIVE",
                "optimization_goal": "CONVERSATIONS",
                "billing_event": "IMPRESSIONS",
                "destination_type": destination,
                "promoted_object": {"page_id": page_id, **promoted},
                "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
            },
            "ads": {
                f"{name} ad": (
                    {"status": "ACTIVE"},
                    {
                        "name": f"{name} ad creative",
                        "title": "Ask us anything",
                        "body": "Questions about your order? Message us.",
                        "image_url": "https://cdn.example.com/ask.png",
                        "link_url": link,
                        "call_to_action_type": action,
                        "app_destination": destination,
                        "page_id": page_id,
                        **({"page_welcome_message": welcome} if welcome else {}),
                    },
                )
            },
        }

    number = {"whatsapp_phone_number": whatsapp_number} if whatsapp_number else {}
    adsets = [
        adset("WhatsApp", "WHATSAPP", WHATSAPP_LINK, "WHATSAPP_MESSAGE", number),
        adset("Messenger", "MESSENGER", MESSENGER_LINK, "MESSAGE_PAGE", {}),
    ]
    engagement_by_hand(workspace, BY_HAND, adsets)


#: The Instagram account the example's click-to-Instagram Direct ads run as (midas.yaml ``instagram_user_id``)
#: and the link MIDAS gives such an ad without a ``final_url`` (``spec._meta_messaging``).
INSTAGRAM_USER_ID = "17841400000000001"
INSTAGRAM_LINK = "https://www.instagram.com/"

DMS = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: dms
spec:
  platforms:
    meta: {account: meta-main}
  objective: engagement
  budget: {daily: 20.00, currency: USD}
  targeting:
    ages: {min: 25, max: 54}
    locations: [US]
  meta:
    destination: instagram
  ad_groups:
    - name: instagram-dms
  creatives:
    - name: dm-us
      type: image
      image_url: https://cdn.example.com/dm.png
      headlines: [DM us]
      descriptions: []
      primary_text: Questions? Send us a DM.
"""


def with_instagram(root: Path, instagram_user_id: str = INSTAGRAM_USER_ID) -> Path:
    """``root``'s workspace whose Meta account names the Instagram account its Instagram Direct ads run as."""
    settings = yaml.safe_load((root / "midas.yaml").read_text(encoding="utf-8"))
    settings["accounts"]["meta-main"]["instagram_user_id"] = instagram_user_id
    (root / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return root


def with_an_instagram_campaign(root: Path) -> Path:
    """``root``'s workspace with the dms campaign (``specs/dms.yaml``): one ad set opening Instagram Direct,
    one image ad."""
    (root / "specs" / "dms.yaml").write_text(DMS, encoding="utf-8")
    return root


#: The hand-built click-to-Instagram Direct campaign's name on Meta.
DMS_BY_HAND = "DM Us"


def instagram_by_hand(workspace: Path, *, instagram_user_id: str | None = INSTAGRAM_USER_ID) -> None:
    """A click-to-Instagram Direct campaign built by hand in Ads Manager on meta-main: an engagement campaign
    with one ad set ("Instagram") optimising for conversations, its image ad's button opening Instagram
    Direct, run as the Page and as ``instagram_user_id`` (None: none)."""
    creative: dict[str, object] = {
        "name": "Instagram ad creative",
        "title": "DM us",
        "body": "Questions? Send us a DM.",
        "image_url": "https://cdn.example.com/dm.png",
        "link_url": INSTAGRAM_LINK,
        "call_to_action_type": "INSTAGRAM_MESSAGE",
        "app_destination": "INSTAGRAM_DIRECT",
        "page_id": PAGE_ID,
    }
    if instagram_user_id is not None:
        creative["instagram_user_id"] = instagram_user_id
    adset = {
        "fields": {
            "name": "Instagram",
            "status": "ACTIVE",
            "optimization_goal": "CONVERSATIONS",
            "billing_event": "IMPRESSIONS",
            "destination_type": "INSTAGRAM_DIRECT",
            "promoted_object": {"page_id": PAGE_ID},
            "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
        },
        "ads": {"Instagram ad": ({"status": "ACTIVE"}, creative)},
    }
    engagement_by_hand(workspace, DMS_BY_HAND, [adset])


def engagement_by_hand(workspace: Path, name: str, adsets: Sequence[dict[str, Any]]) -> None:
    """An active engagement campaign ``name`` with ``adsets`` ($20.00 a day), built by hand on meta-main."""
    campaign = {
        "objective": "OUTCOME_ENGAGEMENT",
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 2000,
    }
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", name, campaign=campaign, adsets=adsets))


#: A campaign whose ad sets open several apps at once (``meta.destination`` as a list): Messenger and
#: WhatsApp (the campaign's, with its number), and Instagram Direct and Messenger (an ad set's own).
SEVERAL = f"""\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: several
spec:
  platforms:
    meta: {{account: meta-main}}
  objective: engagement
  budget: {{daily: 20.00, currency: USD}}
  targeting:
    ages: {{min: 25, max: 54}}
    locations: [US]
  meta:
    destination: [messenger, whatsapp]
    whatsapp_number: "{WHATSAPP_NUMBER}"
  ad_groups:
    - name: messenger-whatsapp
    - name: instagram-messenger
      meta: {{destination: [instagram, messenger]}}
  creatives:
    - name: ask-us
      type: image
      image_url: https://cdn.example.com/ask.png
      headlines: [Ask us anything]
      descriptions: []
      primary_text: Questions about your order? Message us.
"""


def with_a_several_apps_campaign(root: Path) -> Path:
    """``root``'s workspace with the several campaign (``specs/several.yaml``): an ad set opening Messenger
    and WhatsApp, and one opening Instagram Direct and Messenger, one image ad each."""
    (root / "specs" / "several.yaml").write_text(SEVERAL, encoding="utf-8")
    return root


#: The hand-built several-apps campaign's name on Meta.
SEVERAL_BY_HAND = "Message Us Anywhere"
#: Each app's button (``spec._meta_messaging``).
APP_BUTTONS = {
    "MESSENGER": "MESSAGE_PAGE",
    "WHATSAPP": "WHATSAPP_MESSAGE",
    "INSTAGRAM_DIRECT": "INSTAGRAM_MESSAGE",
}
APP_LINKS = {"MESSENGER": MESSENGER_LINK, "WHATSAPP": WHATSAPP_LINK, "INSTAGRAM_DIRECT": INSTAGRAM_LINK}


def several_apps_by_hand(workspace: Path, *, opens: str | None = None) -> None:
    """A campaign opening several apps built by hand in Ads Manager on meta-main: an engagement campaign with
    an ad set opening Messenger and WhatsApp ("Messenger and WhatsApp", naming ``WHATSAPP_NUMBER``) and one
    opening Instagram Direct and Messenger ("Instagram and Messenger"), optimising for conversations, each
    with an image ad whose button opens the first app (the first ad set's, app ``opens`` when given), its
    asset feed naming each app's button."""

    def adset(
        name: str, destination: str, apps: Sequence[str], promoted: dict[str, str], own: str | None = None
    ) -> dict[str, object]:
        feed = [{"type": APP_BUTTONS[app], "value": {"app_destination": app}} for app in apps]
        own = own or apps[0]
        creative: dict[str, object] = {
            "name": f"{name} ad creative",
            "title": "Ask us anything",
            "body": "Questions about your order? Message us.",
            "image_url": "https://cdn.example.com/ask.png",
            "link_url": APP_LINKS[own],
            "call_to_action_type": APP_BUTTONS[own],
            "app_destination": own,
            "asset_feed_spec": {"call_to_actions": feed},
            "page_id": PAGE_ID,
        }
        if "INSTAGRAM_DIRECT" in apps:
            creative["instagram_user_id"] = INSTAGRAM_USER_ID
        return {
            "fields": {
                "name": name,
                "status": "ACTIVE",
                "optimization_goal": "CONVERSATIONS",
                "billing_event": "IMPRESSIONS",
                "destination_type": destination,
                "promoted_object": {"page_id": PAGE_ID, **promoted},
                "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
            },
            "ads": {f"{name} ad": ({"status": "ACTIVE"}, creative)},
        }

    adsets = [
        adset(
            "Messenger and WhatsApp",
            "MESSAGING_MESSENGER_WHATSAPP",
            ("MESSENGER", "WHATSAPP"),
            {"whatsapp_phone_number": WHATSAPP_NUMBER},
            opens,
        ),
        adset(
            "Instagram and Messenger",
            "MESSAGING_INSTAGRAM_DIRECT_MESSENGER",
            ("INSTAGRAM_DIRECT", "MESSENGER"),
            {},
        ),
    ]
    engagement_by_hand(workspace, SEVERAL_BY_HAND, adsets)


#: The hand-built campaign of one ad whose creative carries an asset feed (``one_ad_with_a_feed_by_hand``).
FEED_BY_HAND = "Feed By Hand"


def website_ad_by_hand(workspace: Path, creative: dict[str, Any], **adset: Any) -> None:
    """A campaign "Web" built by hand on meta-main: one ad set "One" optimising for link clicks (``adset``
    over its fields), of one ad "One ad" of ``creative``."""
    fields = {
        "name": "One",
        "status": "ACTIVE",
        "billing_event": "IMPRESSIONS",
        "optimization_goal": "LINK_CLICKS",
        "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
        **adset,
    }
    engagement_by_hand(
        workspace, "Web", [{"fields": fields, "ads": {"One ad": ({"status": "ACTIVE"}, creative)}}]
    )


def one_ad_with_a_feed_by_hand(workspace: Path, destination: str | None, feed: dict[str, Any]) -> None:
    """A campaign built by hand on meta-main of one ad set ("One") opening ``destination`` (WHATSAPP, with
    ``WHATSAPP_NUMBER``; None: linking to a website, its ad's button LEARN_MORE), optimising for
    conversations (link clicks on a website), its image ad's creative carrying asset feed ``feed``."""
    creative: dict[str, Any] = {
        "name": "One ad creative",
        "title": "Ask us anything",
        "body": "Questions about your order? Message us.",
        "image_url": "https://cdn.example.com/ask.png",
        "page_id": PAGE_ID,
        "asset_feed_spec": feed,
    }
    fields: dict[str, Any] = {
        "name": "One",
        "status": "ACTIVE",
        "billing_event": "IMPRESSIONS",
        "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
    }
    if destination is None:
        creative.update(link_url="https://shop.example.com/", call_to_action_type="LEARN_MORE")
        fields["optimization_goal"] = "LINK_CLICKS"
    else:
        creative.update(
            link_url=APP_LINKS[destination],
            call_to_action_type=APP_BUTTONS[destination],
            app_destination=destination,
        )
        fields.update(
            optimization_goal="CONVERSATIONS",
            destination_type=destination,
            promoted_object={"page_id": PAGE_ID, "whatsapp_phone_number": WHATSAPP_NUMBER},
        )
    engagement_by_hand(
        workspace, FEED_BY_HAND, [{"fields": fields, "ads": {"One ad": ({"status": "ACTIVE"}, creative)}}]
    )
