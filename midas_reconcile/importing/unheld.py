"""What MIDAS finds live but leaves alone (``Unheld``), of what ``plan``, ``drift`` and ``ad_names`` share
with no heavier import (``import_only`` reads campaign trees, which need ``ad_names``): the Instagram account
a console made a Meta creative run as where MIDAS never held one (``unheld_instagram_account``) and the
creative as the specs are compared with, without it (``held_creative``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from midas_reconcile.resources import META, UNHELD_FEED, Address, Resource


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


def unheld_instagram_account(
    live: Resource, record: Resource | None, desired: Resource | None
) -> Unheld | None:
    """The Instagram account live Meta creative ``live`` runs as, set in a console, that MIDAS never held:
    neither ``record`` (what MIDAS last applied there) nor ``desired`` (the specs'; None: not known) names
    one.
    ``plan`` compares the creative without it and warns, ``drift`` tells it as unheld: before MIDAS read
    the account on every story (it read it on Instagram Direct ads alone) such a creative planned no change,
    and a replacement would drop what the console chose. None: not so (no record, or MIDAS holds one)."""
    address = live.address
    account = live.fields.get(INSTAGRAM_ACCOUNT)
    if (
        address.platform != META
        or address.kind != "adcreative"
        or account in (None, "")
        or record is None
        or record.fields.get(INSTAGRAM_ACCOUNT) not in (None, "")
        or (desired is not None and desired.fields.get(INSTAGRAM_ACCOUNT) not in (None, ""))
    ):
        return None
    problem = (
        f"its ad runs as Instagram account {str(account)!r} (object_story_spec.instagram_user_id), set "
        "outside MIDAS on a creative whose spec runs it as its Page alone (meta.instagram_identity: true "
        "runs it as the account's instagram_user_id)"
    )
    return Unheld(address, {INSTAGRAM_ACCOUNT: account}, problem)


def held_creative(live: Resource, record: Resource | None, desired: Resource | None) -> Resource:
    """``live`` as the specs are compared with (``plan``, and matching a renamed ad, ``ad_names``): without
    the Instagram account a console made it run as where MIDAS never held one (``unheld_instagram_account``,
    same arguments), else ``live`` itself."""
    if unheld_instagram_account(live, record, desired) is None:
        return live
    return dataclasses.replace(live, fields={k: v for k, v in live.fields.items() if k != INSTAGRAM_ACCOUNT})
