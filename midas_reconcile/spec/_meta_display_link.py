"""A Meta link ad's display link (a creative's ``meta.display_link: example.com/shoes``; Ads Manager's
"Display link"): the web address the ad shows in place of its link's domain.

Platform notes (checked 2026-11 with the search tool and facebook-business 26.0.3):
- Confirmed: ``AdCreativeLinkData.caption`` (adcreativelinkdata.py, a string; Meta's "Ad Creative Link Data"
  reference: "Link caption. Overwrites the caption under the title in the link ad"), and since 6 February 2017
  "caption and link_caption fields in ad creative will change datatype from String to URL" (the notice on
  Meta's "Ad Creative Link Data Call To Action Value" reference): MIDAS takes a web address alone
  (``models.check_display_link``). An ordinary link ad (a text or image creative with a link:
  ``object_story_spec.link_data``) sends it as ``link_data.caption``.
- Confirmed: ``AdAssetFeedSpecLinkURL.display_url`` (adassetfeedspeclinkurl.py, a string beside
  ``website_url``): a Dynamic Creative ad set's creative (image or video, ``spec._meta_dynamic_creative``)
  sends it as its feed link's ``display_url``. Meta's "Asset Feed Spec Options" page the search tool holds
  describes ``link_urls`` without naming ``display_url``'s meaning: that Meta shows it as the feed's display
  link is believed from the SDK's name and Ads Manager, **unconfirmed**.
- Not sent (a spec error at the key): a video ad's (Meta's reference gives its call to action value a
  ``link_caption``, "Caption shown in the attachment. The caption must be an actual URL", but no page the
  search tool holds says a video ad shows it as its display link: **unconfirmed**, so import refuses a
  ``link_caption`` by name: ``connectors.meta_graph``); a carousel's (each card has a ``caption``,
  AdCreativeLinkDataChildAttachment; whether Meta shows the carousel's ``link_data.caption`` is
  unconfirmed); a catalog template's (``template_data.caption``, whose products show their own links); a
  photo post's (its ``caption`` is its primary text); a Page post's (the post says its link); an ad opening
  a conversation (no website link to show); an app's (its link is the app's store page).
- No perpetual diff: unset, a link ad shows its link's domain. Whether Meta echoes that domain as ``caption``
  on a creative sent without one is **unconfirmed** (the sandbox echoes none); both a compile and a read
  normalise a display link that is its link's domain (``display_link_of``: case, scheme, ``www.`` and a
  trailing ``/`` aside) to none, so such an echo is no change, and a spec naming the domain sends nothing.
  It compiles to ``HELD_AS_NONE`` (``""``): none on the wire and to the diff, but a display link the spec
  holds, so a console's display link on that creative is a change apply replaces the creative to drop,
  not one left alone as on a creative whose spec names none (``importing.unheld``). Naming the link's own
  domain is how a spec drops a console's display link.
- Creatives are immutable on Meta: setting, changing or dropping it replaces the creative.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlsplit

from midas_reconcile.spec._describe import a_or_an
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    CampaignSpec,
    Creative,
    Objective,
    adset_destination,
    meta_adset_groups,
)

Add = Callable[[PathKey, str], None]

#: The normalised creative field of a display link (``link_data.caption``; a dynamic creative's feed link's
#: ``display_url``).
DISPLAY_LINK: Final = "display_link"
#: The compiled ``DISPLAY_LINK`` of a spec naming its link's own domain: none sent, none compared, but held
#: (``importing.unheld.unheld_instagram_account`` counts the key, not its value).
HELD_AS_NONE: Final = ""
#: The creative types whose Meta ad is an ordinary link ad (``object_story_spec.link_data`` with a link).
LINK_AD_TYPES: Final = ("text", "image")
#: The creative types a Dynamic Creative ad set's creative is (its feed's media).
_DYNAMIC_TYPES: Final = ("image", "video")
#: Why each other kind takes no display link (see the module docstring).
_WHY_NOT: Final = {
    "video": "Meta shows no display link of a video ad MIDAS can confirm (outside a dynamic creative ad set)",
    "carousel": "a carousel's cards show their own links",
    "post": "the existing post says its link",
    "catalog": "a catalog template's products show their own links",
}


def _bare(address: str) -> str:
    """A web address as people read it: no scheme, no ``www.``, no trailing ``/``, lower case."""
    text = address.strip().lower()
    for prefix in ("https://", "http://", "www."):
        text = text.removeprefix(prefix)
    return text.rstrip("/")


def display_link_of(caption: Any, link: Any) -> str | None:
    """The display link a creative's ``caption`` (or feed ``display_url``) says beside its ``link``: None for
    none, or for the link's own domain, which Meta shows unset (so an echo of it, unconfirmed, and a spec
    naming it both compare as none)."""
    if not isinstance(caption, str) or not caption.strip():
        return None
    if isinstance(link, str) and link:
        try:
            host = urlsplit(link).hostname or ""
        except ValueError:
            host = ""
        if host and _bare(caption) == _bare(host):
            return None
    return caption


def shows_display_link(creative: Creative) -> bool:
    """Whether ``creative`` names a display link."""
    return creative.meta.display_link is not None


def check_display_link(add: Add, spec: CampaignSpec) -> None:
    """Each creative's ``meta.display_link``: on a Meta link ad (a text or image creative with a link) or a
    Dynamic Creative ad set's creative, not in an app's campaign nor an ad set opening a conversation. A
    creative of Google's alone is skipped (no Meta ad)."""
    if spec.platforms.meta is None:
        return
    groups = meta_adset_groups(spec)
    for index, creative in enumerate(spec.creatives):
        if not shows_display_link(creative) or (
            creative.platforms is not None and "meta" not in creative.platforms
        ):
            continue
        at: PathKey = ("spec", "creatives", index, "meta", "display_link")
        running = [g for _, g in groups if g.creatives is None or creative.name in g.creatives]
        dynamic = bool(running) and all(g.meta.dynamic_creative for g in running)
        if spec.objective is Objective.APP_PROMOTION:
            add(at, "found a display link in an app promotion campaign; expected none: an app's ad links to "
                "its store page, which Meta shows")  # fmt: skip
        elif any(adset_destination(spec, g) is not None for g in running):
            add(at, "found a display link on a creative of an ad set opening a conversation "
                "(meta.destination); expected none: its ad shows no website link")  # fmt: skip
        elif dynamic and creative.type in _DYNAMIC_TYPES:
            continue  # its feed link's display_url
        elif creative.type not in LINK_AD_TYPES:
            why = _WHY_NOT.get(creative.type, "its Meta ad is no link ad")
            add(
                at,
                f"found a display link on {a_or_an(creative.type)} creative; expected it only on a link ad "
                f"(a text or image creative with a final_url) or a dynamic creative ad set's: {why}",
            )
        elif spec.sends_nowhere(creative):
            add(at, "found a display link on a creative sending people nowhere (no final_url); expected a "
                "final_url, whose domain the display link stands in for")  # fmt: skip
