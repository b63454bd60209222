"""What MIDAS reads of a live Meta campaign but never sends nor compares (``resources.META_IMPORT_ONLY``):
campaign dates other than its ad sets', and what of a creative the spec language cannot say
(``importing.catalog``). Import refuses it (``importing.derive``, ``Importer.verify_existing``); on a campaign
MIDAS already manages, ``drift`` reports a creative's and ``plan`` warns of it (a replacement would drop it),
by the same rules, through one function (``meta_unheld_in``). Pure and light: the planner asks it too.

Also an Instagram account a console made a creative run as where MIDAS never held one
(``unheld.unheld_instagram_account``): MIDAS can send it (``spec._meta_instagram_identity``), but left alone,
as before MIDAS read it on every story, until a spec says it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from typing import Any

from midas_reconcile.importing.catalog import template_mismatch, unheld_creative_setting
from midas_reconcile.importing.trees import CampaignTree, campaign_trees
from midas_reconcile.importing.unheld import CONSOLE_HELD, DISPLAY_LINK, INSTAGRAM_ACCOUNT, Unheld
from midas_reconcile.resources import META, META_IMPORT_ONLY, ROOT_KIND, Address, Resource


def campaign_label(platform: str, name: str, campaign_id: str, account: str) -> str:
    """How import's problems name a live campaign."""
    return f"{platform} campaign {name!r} (id {campaign_id}, account {account})"


def why_left(unheld: Unheld) -> str:
    """Why MIDAS leaves ``unheld`` as it is, as ``plan`` warns and ``drift`` tells it."""
    if INSTAGRAM_ACCOUNT in unheld.fields and DISPLAY_LINK in unheld.fields:
        return (
            "MIDAS leaves them alone (it compares the account and the display link each only where the spec "
            "or its last apply names one)"
        )
    if INSTAGRAM_ACCOUNT in unheld.fields:
        return (
            "MIDAS leaves it alone (it compares the account only where the spec or its last apply names one)"
        )
    if any(field in unheld.fields for field in CONSOLE_HELD):
        return "MIDAS leaves it alone (it compares it only where the spec or its last apply names one)"
    return "MIDAS cannot hold it (it never sends nor compares it)"


def it_or_them(unheld: Unheld) -> str:
    """How ``plan`` and ``drift`` refer to what ``unheld`` holds after ``why_left`` named it."""
    return "them" if INSTAGRAM_ACCOUNT in unheld.fields and DISPLAY_LINK in unheld.fields else "it"


#: A check of an ad's creative in its ad set (``label`` names the ad): what it finds, else None.
_CreativeCheck = Callable[[Resource, Resource, str], "tuple[Mapping[str, Any], str] | None"]


def _findings(tree: CampaignTree, check: _CreativeCheck, dates: bool) -> Iterator[Unheld]:
    label = campaign_label("meta", tree.name, tree.platform_id, tree.address.account)
    adsets = tree.of_kind("adset")
    for key, value, problem in campaign_date_problems(label, tree.campaign.fields, adsets) if dates else ():
        yield Unheld(tree.address, {key: value}, problem)
    creatives = tree.by_address()
    seen: set[Address] = set()
    for adset in adsets:
        for ad in tree.children("ad", adset.address, "adset"):
            creative = creatives.get(ad.refs.get("creative"))  # type: ignore[arg-type]
            if creative is None or creative.address in seen:
                continue
            alabel = f"ad {ad.fields.get('name')!r} in ad set {adset.fields.get('name')!r} of {label}"
            if (found := check(creative, adset, alabel)) is not None:
                seen.add(creative.address)
                yield Unheld(creative.address, found[0], found[1])


def meta_import_only_problems(tree: CampaignTree) -> list[str]:
    """Why live ``tree`` (a Meta campaign) is none the spec language says by what MIDAS reads only to refuse
    and never compares (``resources.META_IMPORT_ONLY``): campaign dates other than its ad sets', and ads whose
    creatives it cannot express (``importing.catalog.template_mismatch``). A spec written before either was
    set in the console still compiles to what is live: adopting it (``importer.verify_existing``) asks this
    as a fresh import's view (``meta_view``) does, rather than a later replacement dropping them silently."""

    def mismatch(creative: Resource, adset: Resource, label: str) -> tuple[Mapping[str, Any], str] | None:
        problem = template_mismatch(creative, adset, label)
        return None if problem is None else ({}, problem)

    return [u.problem for u in _findings(tree, mismatch, dates=True)]


def meta_unheld_settings(tree: CampaignTree) -> list[Unheld]:
    """What of live ``tree`` (a Meta campaign) MIDAS cannot hold, as import refuses it, that ``drift`` and
    ``plan`` tell of a campaign MIDAS manages: its creatives' own product set (other than their ad set's) and
    per-product link templates (``importing.catalog.unheld_creative_setting``), once per object. Not the
    campaign's dates: Meta reads them as its ad sets' merged (believed, unconfirmed), so one other than MIDAS
    expects is as likely Meta's own merge (an ad set deleted, one running on without an end) as a console's,
    and no apply could clear it (MIDAS never sends them): import alone refuses them."""
    return list(_findings(tree, unheld_creative_setting, dates=False))


def meta_unheld_in(live: Mapping[Address, Resource], campaigns: Set[Address]) -> list[Unheld]:
    """What MIDAS cannot hold (``meta_unheld_settings``) in each of the Meta ``campaigns`` (their addresses)
    of ``live``: what ``drift`` tells and ``plan`` warns of. Only the campaigns with a creative carrying
    such a setting at all are built into trees, so a plan without any builds none."""
    held = {(a.account, a.campaign) for a in campaigns if a.platform == META and a.kind == ROOT_KIND}
    creative_fields = META_IMPORT_ONLY["adcreative"]
    carrying = {
        (a.account, a.campaign)
        for a, r in live.items()
        if a.platform == META
        and a.kind == "adcreative"
        and (a.account, a.campaign) in held
        and any(r.fields.get(k) not in (None, "") for k in creative_fields)
    }
    if not carrying:
        return []
    trees = campaign_trees(
        r for a, r in live.items() if a.platform == META and (a.account, a.campaign) in carrying
    )
    return [unheld for tree in trees for unheld in meta_unheld_settings(tree)]


def campaign_date_problems(
    label: str, campaign: Mapping[str, Any], adsets: Sequence[Resource]
) -> list[tuple[str, Any, str]]:
    """Each of the campaign's own dates (``start_time``, ``stop_time``) other than its ad sets' imply (Meta
    reads the campaign's as the ad sets' merged): (field, value, problem)."""
    starts = [s for a in adsets if (s := _instant(a.fields.get("start_time"))) is not None]
    ends = [e for a in adsets if (e := _instant(a.fields.get("end_time"))) is not None]
    implied = {
        "start_time": min(starts) if starts and len(starts) == len(adsets) else None,
        "stop_time": max(ends) if ends and len(ends) == len(adsets) else None,
    }
    return [
        (
            key,
            value,
            f"{label} has {key} {value!r}, other than its ad sets' dates imply, which the spec language "
            "cannot express (the campaign's dates are its ad sets')",
        )
        for key, expected in implied.items()
        if (value := campaign.get(key)) not in (None, "") and _instant(value) != expected
    ]


def _instant(value: Any) -> dt.datetime | None:
    """A Meta time as an aware instant (None: none or unreadable)."""
    if value in (None, ""):
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
