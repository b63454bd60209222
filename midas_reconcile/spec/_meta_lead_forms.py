"""Meta instant-form lead ads (``meta.destination: form``): what Meta requires of them, and the spec check.

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- Meta's "Lead Forms for Ads" guide (Marketing API, lead ads: create): the campaign's objective is
  OUTCOME_LEADS; the ad set, then a form of the Page's (``/<page id>/leadgen_forms``), then a creative
  "with the lead form". MIDAS makes no form: a creative names the id of one made in the console.
- The ad set: ``destination_type`` ON_AD (adset.py ``DestinationType.on_ad``), ``optimization_goal``
  LEAD_GENERATION or QUALITY_LEAD (adset.py ``OptimizationGoal``; Meta's dynamic ads for lead generation
  guide: "set the optimization_goal to LEAD_GENERATION"), and ``promoted_object`` ``{"page_id": …}``, the
  Page the leads belong to (adpromotedobject.py ``page_id``). Unconfirmed (the guide's ad set step is not in
  the excerpts the search tool returns): ON_AD and the Page as promoted object together, as public clients
  send them, and the billing event (MIDAS sends IMPRESSIONS, the default, and checks none).
- The creative: ``object_story_spec.link_data`` with a ``link`` and ``call_to_action`` ``{type, value:
  {lead_gen_form_id}}`` (adcreativelinkdatacalltoactionvalue.py ``lead_gen_form_id``; Meta's "Lead
  Generation for Partnership Ads" example: ``"call_to_action": {"type": "SIGN_UP", "value":
  {"lead_gen_form_id": "<LEAD_GEN_FORM_ID>"}}`` beside ``"link": "<LINK_URL>"``). A video ad's
  ``video_data.call_to_action`` carries it alike (believed: the SDK's video data call to action is the same
  value type; unconfirmed). The creative's ``final_url`` is its link (believed to be the site the form's
  thank-you screen and the ad's link point to; unconfirmed that Meta keeps it as sent).
- The buttons a lead ad takes: Ads Manager offers Apply now, Book now, Download, Get offer, Get quote, Learn
  more, Sign up and Subscribe for instant forms (``LEAD_FORM_ACTIONS``; remembered from Ads Manager, only
  SIGN_UP confirmed by the pages held). An ad with no button cannot open a form.
- Unconfirmed: whether Meta takes OUTCOME_ENGAGEMENT with ON_AD (third-party tools list it; MIDAS asks for
  leads), and whether a live ad set's ``destination_type`` can change (MIDAS treats it as fixed, like the
  promoted object: a plan violation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    CallToAction,
    CampaignSpec,
    Objective,
    adset_goal,
    adset_opens_form,
    meta_adset_groups,
)

#: The optimisation goals of an ad set opening an instant form.
LEAD_FORM_GOALS: Final = ("LEAD_GENERATION", "QUALITY_LEAD")
#: The buttons an instant form's ad may show (see the module docstring: unconfirmed but SIGN_UP).
LEAD_FORM_ACTIONS: Final = (
    CallToAction.APPLY_NOW,
    CallToAction.BOOK_TRAVEL,
    CallToAction.DOWNLOAD,
    CallToAction.GET_OFFER,
    CallToAction.GET_QUOTE,
    CallToAction.LEARN_MORE,
    CallToAction.SIGN_UP,
    CallToAction.SUBSCRIBE,
)
#: The creative types an instant form's ad of MIDAS's is: a link (text or image) or video ad.
LEAD_FORM_CREATIVE_TYPES: Final = ("text", "image", "video")


def check_meta_lead_forms(
    add: Callable[[PathKey, str], None], spec: CampaignSpec, page_id: str | None, account: str | None
) -> None:
    """What an ad set opening an instant form cannot take, said where it is written: a campaign not on Meta
    or of another objective than leads, a Page-less account (``page_id``; ``account`` its name, None: not
    known here), another optimisation goal, a conversion of a pixel (its promoted object is the Page); and
    of its creatives, another type, no form id or a button no lead ad takes. A form id on a creative any of
    whose Meta ad sets opens no form (or that runs on no Meta ad set) is refused too."""
    seen: set[tuple[PathKey, str]] = set()

    def once(path: PathKey, message: str) -> None:
        if (path, message) not in seen:
            seen.add((path, message))
            add(path, message)

    if spec.platforms.meta is None:
        written: list[tuple[PathKey, object]] = [(("spec", "meta", "destination"), spec.meta.destination)]
        written += [
            (("spec", "ad_groups", i, "meta", "destination"), g.meta.destination)
            for i, g in enumerate(spec.ad_groups)
        ]
        for at_written, chosen in written:
            if chosen == "form":
                once(
                    at_written,
                    "found form in a campaign not on Meta; expected it only where the campaign runs on "
                    "Meta (an instant form is Meta's alone: Google's ads send people to the final_url)",
                )
        _form_ids_elsewhere(once, spec)
        return
    form_groups = [(i, g) for i, g in meta_adset_groups(spec) if adset_opens_form(spec, g)]
    for index, group in form_groups:
        at: PathKey = ("spec", "ad_groups", index, "meta") if index is not None else ("spec", "meta")
        said: PathKey = (*at, "destination") if group.meta.destination else ("spec", "meta", "destination")
        opens = f"for ad set {group.name!r}, whose ads open an instant form"
        if spec.objective is not Objective.LEADS:
            once(
                said,
                f"found form in a {spec.objective.value} campaign; expected a leads campaign (Meta's "
                "lead ads run under OUTCOME_LEADS), or another meta.destination",
            )
        if account is not None and not page_id:
            once(
                said,
                f"found form, whose leads belong to a Facebook Page; expected 'page_id' on Meta account "
                f"{account!r} in midas.yaml (the Page whose instant forms the ads open)",
            )
        goal = adset_goal(spec, group)
        if goal not in LEAD_FORM_GOALS:
            own = group.meta.optimization_goal is not None
            once(
                (*at, "optimization_goal") if own else ("spec", "meta", "optimization_goal"),
                f"found {goal} {opens}; expected {' or '.join(LEAD_FORM_GOALS)} (or none: LEAD_GENERATION)",
            )
        if group.meta.conversion is not None:
            once(
                (*at, "conversion"),
                f"found a conversion {opens}: its promoted object is the Page; expected none",
            )
        for c_index, creative in enumerate(spec.creatives):
            if creative.platforms is not None and "meta" not in creative.platforms:
                continue
            if group.creatives is not None and creative.name not in group.creatives:
                continue
            path: PathKey = ("spec", "creatives", c_index)
            if creative.type not in LEAD_FORM_CREATIVE_TYPES:
                once(
                    (*path, "type"),
                    f"found {creative.type} in ad set {group.name!r}, whose ads open an "
                    f"instant form; expected {', '.join(LEAD_FORM_CREATIVE_TYPES)} (MIDAS makes lead ads of "
                    "link and video ads)",
                )
                continue
            if creative.meta.lead_form_id is None:
                once(
                    (*path, "meta"),
                    f"found no lead_form_id in ad set {group.name!r}, whose ads open an instant form; "
                    "expected 'meta: {lead_form_id: \"<form id>\"}', the id of the Page's form the ad "
                    "opens",
                )
            if creative.call_to_action not in LEAD_FORM_ACTIONS:
                expected = ", ".join(a.value for a in LEAD_FORM_ACTIONS)
                once(
                    (*path, "call_to_action"),
                    f"found {creative.call_to_action.value} in ad set {group.name!r}, "
                    f"whose ads open an instant form; expected one of {expected} (the button opens the form)",
                )
    _form_ids_elsewhere(once, spec)


def _form_ids_elsewhere(add: Callable[[PathKey, str], None], spec: CampaignSpec) -> None:
    """A form id is written only on a creative every Meta ad set of which opens an instant form: elsewhere
    the ad would carry a form its ad set does not open (or, not on Meta, none at all)."""
    groups = meta_adset_groups(spec) if spec.platforms.meta is not None else []
    for index, creative in enumerate(spec.creatives):
        if creative.meta.lead_form_id is None:
            continue
        on_meta = creative.platforms is None or "meta" in creative.platforms
        running = (
            [g for _, g in groups if g.creatives is None or creative.name in g.creatives] if on_meta else []
        )
        if not running or not all(adset_opens_form(spec, g) for g in running):
            add(
                ("spec", "creatives", index, "meta", "lead_form_id"),
                "found a lead form on a creative that runs outside instant-form ads; expected it only on "
                "creatives whose Meta ad sets all open a form (meta.destination: form)",
            )
