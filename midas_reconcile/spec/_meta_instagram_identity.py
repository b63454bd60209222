"""A Meta ad's Instagram identity (a creative's ``meta.instagram_identity: true``): the ad runs as the
account's Instagram account, midas.yaml ``instagram_user_id``, rather than as its Page alone.

Platform notes (checked 2026-11; facebook-business 26.0.3):
- Confirmed: ``AdCreativeObjectStorySpec.instagram_user_id`` (adcreativeobjectstoryspec.py; Meta's "Ad
  Creative Object Story Spec" reference: "The Instagram user account that the ad will be posted to") beside
  ``page_id`` and one of ``link_data``, ``photo_data``, ``video_data`` or ``template_data``. The older
  ``instagram_actor_id`` (deprecated in v22.0) is read as it (``connectors.meta_graph.story_fields``).
- MIDAS sends it on the story of each kind it writes one for: link, image, video, carousel, a photo sending
  people nowhere, a catalog template and a dynamic creative's Page-only story
  (``spec._meta_dynamic_creative.dynamic_wire``). Unconfirmed: that Meta takes it on every one of those
  kinds (its reference lists it on the story spec whatever the kind; its pages the search tool holds give
  no per-kind rule).
- A Page post ad (``type: post``, ``object_story_id``) has no story spec: the post says who it runs as
  (AdCreative also has a top-level ``instagram_user_id`` and ``source_instagram_media_id`` for Instagram
  posts, which MIDAS neither writes nor reads; unconfirmed how they combine with ``object_story_id``). The
  key is refused there.
- Creatives are immutable on Meta: turning the key on or off replaces the creative, as any other creative
  field does. Opt-in, so an account whose ``instagram_user_id`` is set for Instagram Direct ads plans its
  other creatives exactly as before.
- An Instagram account a console made a creative run as (Ads Manager makes a new creative carrying it),
  where neither the spec nor MIDAS's record of the creative names one (MIDAS never wrote it), is left
  alone: ``plan`` compares the creative without it and warns naming it, ``drift`` tells it as unheld
  (``importing.unheld.unheld_instagram_account``), as before MIDAS read the account on every story.
  Once MIDAS wrote one, a console's other account or the key turned off is compared as any field (a
  replacement). Import writes the key for a live creative run as the account's own.
- A creative of Google's alone (``platforms: [google]``) makes no Meta ad: its key is skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from midas_reconcile.spec._meta_feed import on_meta
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, Creative


def runs_as_instagram(creative: Creative) -> bool:
    """Whether ``creative``'s Meta ad runs as the account's Instagram account (its key set true)."""
    return creative.meta.instagram_identity is True


def check_instagram_identity(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    account: str | None,
    instagram_user_id: str | None,
) -> None:
    """Each Meta creative's ``meta.instagram_identity: true`` (one of Google's alone is skipped): on no Page
    post (its post says who it runs as), and with an Instagram account on the campaign's Meta account
    (``account``, its name; None: not known here)."""
    for index, creative in enumerate(spec.creatives):
        if not runs_as_instagram(creative) or not on_meta(creative, spec):
            continue  # a creative of Google's alone makes no Meta ad: its key says nothing
        at: PathKey = ("spec", "creatives", index, "meta", "instagram_identity")
        if creative.type == "post":
            add(
                at,
                "found an Instagram identity on a Page post creative (type: post); expected none: the "
                "existing post says who its ad runs as",
            )
        elif account is not None and not instagram_user_id:
            add(
                at,
                "found an ad run as the account's Instagram account; expected 'instagram_user_id' on Meta "
                f"account {account!r} in midas.yaml (the Instagram account its ads run as)",
            )
