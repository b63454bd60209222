"""What MIDAS finds live but leaves alone (``Unheld``), of what ``plan``, ``drift`` and ``ad_names`` share
with no heavier import (``import_only`` reads campaign trees, which need ``ad_names``): the Instagram account
a console made a Meta creative run as, or the display link it made it show, where MIDAS never held one
(``unheld_instagram_account``) and the creative as the specs are compared with, without them
(``held_creative``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from midas_reconcile.resources import META, UNHELD_FEED, Address, Resource
from midas_reconcile.spec.models import app_of_store_url


@dataclass(frozen=True)
class Unheld:
    """Settings live on the object at ``address`` that MIDAS cannot hold (``fields``: path → live value), and
    why, in import's words (``problem``)."""

    address: Address
    fields: Mapping[str, Any]
    problem: str

    def set_since(self, record: Resource) -> dict[str, Any]:
        """Those of ``fields`` live other than in ``record`` (what MIDAS last applied there): set since. A
        record without ``UNHELD_FEED`` was made before MIDAS read it: it says nothing of it (unknown, not
        none), so that is no change, until an apply records it as live (``planner``)."""
        return {
            path: value
            for path, value in self.fields.items()
            if record.fields.get(path) != value and (path != UNHELD_FEED or path in record.fields)
        }


#: The field naming the Instagram account a Meta creative runs as (``meta_graph.story_fields``).
INSTAGRAM_ACCOUNT: Final = "instagram_user_id"
#: The field of the display link a Meta creative shows (``spec._meta_display_link.DISPLAY_LINK``, named here
#: so that this light module takes nothing of ``spec`` but ``models.app_of_store_url``).
DISPLAY_LINK: Final = "display_link"
#: The creative settings MIDAS sends but leaves alone where a console set one that neither the spec nor its
#: last apply holds: before MIDAS read them such a creative planned no change, and a replacement would drop
#: what the console chose.
CONSOLE_HELD: Final = (INSTAGRAM_ACCOUNT, DISPLAY_LINK)


def _names(resource: Resource, field: str) -> bool:
    """Whether ``resource`` (a record or the specs') names a ``field`` of ``CONSOLE_HELD``: an Instagram
    account by its value; a display link by its key, whose ``""`` is a spec naming the link's own domain
    (``spec._meta_display_link.HELD_AS_NONE``: none shown, but held)."""
    value = resource.fields.get(field)
    return value is not None if field == DISPLAY_LINK else value not in (None, "")


def _holds(record: Resource, desired: Resource | None, field: str) -> bool:
    """Whether MIDAS holds ``field`` of ``CONSOLE_HELD`` on a creative: ``record`` (what it last applied) or
    ``desired`` (the specs'; None: not known) names it (``_names``). A record's held display link of the
    link's own domain (``""``) counts only where no spec is known: where one is, the spec decides, since a
    spec dropping that key changes nothing live (none was sent either way), so apply rewrites no record,
    and the ``""`` would otherwise outlive the key, unseen, and make a later console caption a replacement."""
    if desired is not None and _names(desired, field):
        return True
    if field == DISPLAY_LINK and desired is not None and record.fields.get(field) == "":
        return False
    return _names(record, field)


def unheld_instagram_account(
    live: Resource, record: Resource | None, desired: Resource | None
) -> Unheld | None:
    """The Instagram account live Meta creative ``live`` runs as, and the display link it shows
    (``CONSOLE_HELD``), each set in a console where MIDAS never held one: neither ``record`` (what MIDAS last
    applied there) nor ``desired`` (the specs'; None: not known) names one.
    ``plan`` compares the creative without them and warns, ``drift`` tells them as unheld: before MIDAS read
    the account on every story (it read it on Instagram Direct ads alone), and a link ad's display link at
    all, such a creative planned no change, and a replacement would drop what the console chose. None: not
    so (no record, or MIDAS holds each)."""
    address = live.address
    if address.platform != META or address.kind != "adcreative" or record is None:
        return None
    found = {
        field: live.fields[field]
        for field in CONSOLE_HELD
        if live.fields.get(field) not in (None, "") and not _holds(record, desired, field)
    }
    if not found:
        return None
    problems = []
    if (account := found.get(INSTAGRAM_ACCOUNT)) is not None:
        problems.append(
            f"its ad runs as Instagram account {str(account)!r} (object_story_spec.instagram_user_id), set "
            "outside MIDAS on a creative whose spec runs it as its Page alone (meta.instagram_identity: true "
            "runs it as the account's instagram_user_id)"
        )
    if (shown := found.get(DISPLAY_LINK)) is not None:
        problems.append(
            f"its ad shows display link {str(shown)!r} (object_story_spec.link_data.caption, or its feed "
            f"link's display_url), set outside MIDAS {_display_link_advice(live, desired)}"
        )
    return Unheld(address, found, "; and ".join(problems))


def _display_link_advice(live: Resource, desired: Resource | None) -> str:
    """Where a console's display link on ``live`` sits and what a user can do of it: on an ad opening a
    conversation (``app_destination``) or an app's (``_is_app_ad``), whose spec the check refuses
    ``meta.display_link``, remove it in the console or let a replacement drop it; else say the key, to keep
    it or, naming the link's own domain, to drop it (``spec._meta_display_link.HELD_AS_NONE``)."""
    fields = {**live.fields, **(desired.fields if desired is not None else {})}
    where = (
        "an ad opening a conversation"
        if fields.get("app_destination")
        else "an app's ad (linking to its store page)"
        if _is_app_ad(fields)
        else None
    )
    if where is not None:
        return (
            f"on {where}, where a spec can name none (meta.display_link is a website link ad's): remove "
            "it in Ads Manager, or let a replacement of the creative (a change of its content in the spec) "
            "drop it"
        )
    try:
        domain = urlsplit(str(fields.get("link_url") or "")).hostname
    except ValueError:
        domain = None
    named = f"the link's own domain ({domain})" if domain else "the link's own domain"
    return (
        "on a creative whose spec shows its link's domain: set meta.display_link to keep it, or to "
        f"{named} to drop it"
    )


#: The calls to action of a mobile app alone (facebook-business adcreativelinkdatacalltoaction.py ``Type``),
#: which only an app's ad carries (the sandbox's ``MOBILE_APP_CALL_TO_ACTIONS`` holds others too).
_MOBILE_APP_BUTTONS: Final = ("INSTALL_MOBILE_APP", "USE_MOBILE_APP")


def _is_app_ad(fields: Mapping[str, Any]) -> bool:
    """Whether a creative of ``fields`` is an app's ad, as in an app promotion campaign: its link is an app's
    store page (``spec.models.app_of_store_url``: an app-install ad must link to it, Meta's promoted object
    docs) or its button a mobile app's (``_MOBILE_APP_BUTTONS``). Told from the creative alone, which is what
    plan and drift hold here (not its campaign's objective); a website ad linking to a store page reads as
    an app's too, so its advice merely withholds the key, which such a spec could take."""
    link = fields.get("link_url")
    return (isinstance(link, str) and app_of_store_url(link) is not None) or fields.get(
        "call_to_action_type"
    ) in _MOBILE_APP_BUTTONS


def held_creative(live: Resource, record: Resource | None, desired: Resource | None) -> Resource:
    """``live`` as the specs are compared with (``plan``, and matching a renamed ad, ``ad_names``): without
    the Instagram account a console made it run as where MIDAS never held one (``unheld_instagram_account``,
    same arguments), else ``live`` itself."""
    if (unheld := unheld_instagram_account(live, record, desired)) is None:
        return live
    return dataclasses.replace(live, fields={k: v for k, v in live.fields.items() if k not in unheld.fields})
