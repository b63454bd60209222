"""``midas mirror``: a campaign's spec edited to run on the other platform too (GitOps: only YAML changes).

The file is edited round-trip (ruamel.yaml keeps comments, key order and flow style), then checked: the whole
workspace with the edited file must load, and the mirrored campaign's targeting goes through the
TargetingMapper for the new platform, whose fidelity warnings are reported. Creatives the new platform's
format cannot hold (Google's responsive search ad: 3–15 headlines of ≤ 30 characters, 2–4 descriptions of ≤
90) stay on their platform (``platforms: [meta]``) and are listed as needing attention, as are ad groups
without keywords on Google (a Display campaign's, ``google.channel: display``, take none: its creatives must
fit a responsive display ad instead, and going to Meta, one without an ``image_url`` needs attention, as its
Google images are asset ids, as does one with YouTube videos (``google.youtube_videos``), which Meta cannot
play without an upload; so for a Demand Gen campaign's, ``google.channel: demand_gen``, whose creatives
must fit a multi-asset ad (or, with YouTube videos, a video responsive ad, which needs only its videos
uploaded to Meta), and with ``google.channel: performance_max``, whose asset groups go to Meta as ad
sets of one ad). A Demand Gen ad group's channels (``google.channels``) and an ad set's own
``meta.placements`` have no exact counterpart on the other platform: neither is carried over, each is
listed as needing attention; so, going to Google, are the positions and device platforms Meta places ads by
(``meta.placements`` by position, ``meta.devices``) and Advantage+ audience's per-key settings
(``meta.advantage_audience_settings``), which stay Meta's. An ``app_promotion`` campaign becomes
a Google app campaign, which targets locations and languages only: the rest of its targeting (ages, genders,
interests, audiences, their exclusions) moves to ``meta.targeting``, where Meta keeps applying it; its
creatives must fit an app ad (1–5 headlines of ≤ 30 characters, 1–5 descriptions of ≤ 90); an ad group
narrowing those on its own stays on Meta.
A Demand Gen campaign targets locations and languages only too (per ad group), as does a Performance Max
one, and each is mirrored alike.
Going to Google, the campaign's ``meta.targeting`` (Meta's override) moves into the unified targeting, so
Google targets those people too (for a campaign targeting places only, the locations and languages it gives
Meta alone are listed instead). A Meta campaign on ad set budgets keeps them as its Meta share: Google's is
added beside them. Nothing is written when the edited workspace would not pass ``midas validate`` (load and
compile: a share under a platform's minimum budget, say), nor for an app campaign going to Meta without its
Meta app id (``app.meta_app_id``), nor for a campaign going to Google as a Display campaign without the
business name its ads show (``google.business_name``), nor for a Demand Gen or Performance Max one without it:
the error asks for it. A Google app campaign for engagement or pre-registration (``google.app_campaign``) is
Google's alone and is not mirrored to Meta, nor is a standard Shopping campaign (``google.channel:
shopping``). A Search campaign's dynamic ad groups (``google.webpages``) and dynamic search ads (``type:
dynamic_search``) are Google's alone too, as are a Demand Gen campaign's product ads (``type: product``):
going to Meta they stay on Google (``platforms: [google]``), each listed as needing attention, as is an ad
group's product filter (``google.product_groups``; not one of an ad group kept on Google), which MIDAS does
not translate (a Meta catalog's product set is the nearest thing). A radius around a street address is
Google's too (MIDAS sends Meta none yet), as is a radius Meta takes none of (in part of a unit around a city,
out of Meta's range): going to Meta, the campaign's other places Meta has (no geo target constant) become
Meta's override (``meta.targeting.locations``), an ad group naming one in its own locations stays on Google,
each listed; a campaign left no place Meta has is refused, when a Meta ad set takes the campaign's places,
as is one left no ad group on Meta by those it keeps so.
URL tracking (``url_parameters``, the campaign's and its creatives') is written once for both platforms and
comes along as it is; Google's own tracking template and custom parameters are listed as needing attention,
as are a keyword's own landing page and URL options (Meta has no keywords). Going to Google, Meta's
click-to-message ad sets (``meta.destination``) stay Meta's: Google's ads of them send people to their
creatives' ``final_url`` (listed as needing attention), and a creative without one stays on Meta; so do
instant-form ad sets (``meta.destination: form``) and their creatives' forms (``meta.lead_form_id``). A
creative run as the account's Instagram account (``meta.instagram_identity``) keeps the key, Meta's alone (a
note); one showing a display link (``meta.display_link``) keeps it too, listed as needing attention: Google's
ads show their final URL's domain, with a search ad's own display path (``google.path1`` / ``path2``).
A Hotel campaign (``google.channel: hotel``) is Google's alone and is not mirrored to Meta either. Nor is a
campaign with ``schedule.hours`` on a daily budget: Meta runs an ad set schedule only on a lifetime budget
(``spec._schedule_hours``); the error says why and what to do. On a lifetime budget its hours come along (the
edited workspace must validate: Meta's whole hours, the Meta account's time zone). Going to Google, hours
that ran on Meta alone become each day's union on the days Google refuses them as written, the other days'
slots as written (``mirror_hours``), said in a note, not as needing attention; a day whose union still holds
more than six slots is refused. A Meta ad set's own hours (``meta.schedule.hours``) are listed as needing
attention: Google's hours are the campaign's, so the ad group runs those there.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from midas_reconcile.compile import compile_workspace
from midas_reconcile.compile._shared import ad_groups, merged_targeting, platform_targeting
from midas_reconcile.errors import MidasError, SpecError
from midas_reconcile.mirror_hours import hours_for_google
from midas_reconcile.money import currency_exponent, format_amount
from midas_reconcile.resources import GOOGLE_URL_OPTIONS
from midas_reconcile.round_trip import flow_mapping, laid_out_like, round_trip_yaml, write_spec_text
from midas_reconcile.spec import CampaignSpec, Creative, Objective, load_workspace
from midas_reconcile.spec._google_ad_group_devices import ad_group_devices_attention
from midas_reconcile.spec._google_app import APP_AD_DESCRIPTIONS, APP_AD_HEADLINES
from midas_reconcile.spec._google_demand_gen import (
    demand_gen_ad_problems,
    demand_gen_carousel_problems,
    is_demand_gen_video_ad,
)
from midas_reconcile.spec._google_demand_gen_products import GOOGLE_ONLY as PRODUCT_GOOGLE_ONLY
from midas_reconcile.spec._google_demand_gen_products import PRODUCT_AD
from midas_reconcile.spec._google_devices import google_devices_attention
from midas_reconcile.spec._google_display import BUSINESS_NAME_CHANNELS, business_name_of, display_ad_problems
from midas_reconcile.spec._google_dynamic_search import GOOGLE_ONLY as DYNAMIC_GOOGLE_ONLY
from midas_reconcile.spec._google_dynamic_search import is_dynamic_group
from midas_reconcile.spec._google_hotel import HOTEL_FEED
from midas_reconcile.spec._google_location_bids import google_location_bids_attention
from midas_reconcile.spec._google_performance_max import performance_max_problems
from midas_reconcile.spec._google_shopping import SHOPPING_FEED
from midas_reconcile.spec._meta_creatives import meta_carousel_problems
from midas_reconcile.spec._meta_display_link import shows_display_link
from midas_reconcile.spec._meta_instagram_identity import runs_as_instagram
from midas_reconcile.spec._meta_messaging import messages_only
from midas_reconcile.spec._places import geo_constant_entries, is_google_geo, parse_radius
from midas_reconcile.spec._schedule_hours import hours_no_ad_set_runs
from midas_reconcile.spec._url_tracking import AD_URL_OPTIONS
from midas_reconcile.spec.checks import RSA_DESCRIPTIONS, RSA_HEADLINES
from midas_reconcile.spec.loader import locate
from midas_reconcile.spec.models import (
    DYNAMIC_SEARCH_CREATIVE,
    GOOGLE_ONLY_TARGETING,
    META_ONLY_CREATIVE_TYPES,
    PRODUCT_CREATIVE,
    AdGroup,
    AdGroupMeta,
    App,
    MetaOptions,
    MetaPositions,
    adset_destination,
    adset_hours_time_zone,
    adset_opens_form,
    destination_name,
    meta_adset_groups,
    placement_positions,
)
from midas_reconcile.targeting import TargetingMapper
from midas_reconcile.targeting.model import PlaceConflict
from midas_reconcile.targeting.places import meta_radius_problem
from midas_reconcile.url_parameters import KEYWORD_URL_OPTIONS

PLATFORMS = ("google", "meta")


@dataclass
class MirrorResult:
    campaign: str
    platform: str
    account: str
    file: Path
    before: str
    after: str
    #: The targeting mapper's fidelity warnings for the new platform.
    warnings: list[str] = field(default_factory=list)
    #: What the user must look at before planning (creatives kept off the new platform, …).
    attention: list[str] = field(default_factory=list)
    #: What the edit changed that needs no look (the same thing said otherwise: hours merged, …).
    notes: list[str] = field(default_factory=list)

    def diff(self, label: str) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{label}",
                tofile=f"b/{label}",
            )
        )


def mirror_campaign(
    session: Any,
    name: str,
    to: str,
    *,
    account: str | None = None,
    split: Decimal | None = None,
    policy: str | None = None,
    write: bool = True,
) -> MirrorResult:
    """Edit campaign ``name`` to run on ``to`` as well (see the module doc)."""
    workspace = session.workspace
    doc = workspace.campaigns.get(name)
    if doc is None:
        raise MidasError(f"no campaign named {name!r}; expected one of {sorted(workspace.campaigns)}")
    if to not in PLATFORMS:
        raise MidasError(f"--to {to!r}: expected google or meta")
    spec = doc.spec
    source = next((p for p in PLATFORMS if getattr(spec.platforms, p) is not None), None)
    if getattr(spec.platforms, to) is not None:
        line, _ = locate(session.root, doc, ("spec", "platforms", to))
        raise MidasError(f"campaign {name!r} already runs on {to} ({doc.file}:{line}: spec.platforms.{to})")
    assert source is not None
    account = _account(session, to, account)
    if split is not None and not Decimal(0) < split < Decimal(1):
        raise MidasError(f"--split {split}: expected the new platform's share, between 0 and 1 exclusive")
    if policy is not None and policy not in workspace.budget_policies:
        raise MidasError(
            f"--policy {policy!r}: no such BudgetPolicy; expected one of {sorted(workspace.budget_policies)}"
        )

    feed = {"shopping": SHOPPING_FEED, "hotel": HOTEL_FEED}.get(spec.google.channel)
    if to == "meta" and feed is not None:  # a campaign whose ads Google builds from a feed: Google's alone
        raise MidasError(
            f"campaign {name!r} is a Google {feed.kind} campaign (google.channel: {spec.google.channel} in "
            f"{doc.file}): {feed.google_only}. Run Meta as a campaign of its own; nothing written"
        )
    if to == "google" and spec.meta.catalog is not None:
        # A template's format (``meta.catalog_format``) is Meta's alone too: named, as a reader may wonder.
        formats = sorted({c.meta.catalog_format for c in spec.creatives if c.meta.catalog_format})
        said = (
            f"; its templates' format (meta.catalog_format: {', '.join(formats)}) is Meta's alone too"
            if formats
            else ""
        )
        # So are a template's static cards (``meta.static_cards``), named as needing attention.
        if static := [c.name for c in spec.creatives if c.meta.static_cards is not None]:
            said += (
                f"; the static cards of its template{'s' * (len(static) > 1)} {', '.join(map(repr, static))} "
                "(meta.static_cards) are Meta's alone and need attention: Google has no catalog carousel to "
                "show them in"
            )
        raise MidasError(
            f"campaign {name!r} is a Meta catalog ads campaign (meta.catalog: {spec.meta.catalog} in "
            f"{doc.file}), which runs on Meta alone: Google has no catalog templates (a Google Shopping "
            f"campaign shows a Merchant Center feed: google.channel shopping){said}. Run Google as a "
            "campaign of its own; nothing written"
        )
    if to == "meta" and spec.schedule.hours and spec.budget.lifetime is None:
        line, _ = locate(session.root, doc, ("spec", "schedule", "hours"))
        raise MidasError(
            f"campaign {name!r} runs its ads at set hours ({doc.file}:{line}: spec.schedule.hours) on a "
            "daily budget: Meta runs an ad set schedule (adset_schedule, pacing_type day_parting) only on a "
            "lifetime budget. Give the campaign a lifetime budget (budget.lifetime with schedule.end), or "
            "remove the hours, or run Meta as a campaign of its own; nothing written"
        )
    if to == "meta" and spec.google.app_campaign != "installs":
        raise MidasError(_google_only_kind(name, spec.google.app_campaign, doc.file))
    if to == "meta" and spec.app is not None and spec.app.meta_app_id is None:
        raise MidasError(_meta_app_id_needed(name, spec.app, doc.file))
    if to == "google" and (nameless := _without_business_name(spec)):
        raise MidasError(_business_name_needed(name, nameless, doc.file, spec.google.channel))

    path = session.root / doc.file
    before = path.read_text(encoding="utf-8")
    yaml = round_trip_yaml(like=before)
    documents = list(yaml.load_all(before))
    data = next(
        d
        for d in documents
        if d and d.get("kind") == "Campaign" and d.get("metadata", {}).get("name") == name
    )
    result = MirrorResult(name, to, account, path, before, before)

    data["spec"]["platforms"][to] = flow_mapping(account=account)
    if to == "google" and spec.schedule.hours and (merged := hours_for_google(session.root, doc, name, data)):
        result.notes.append(merged)
    if spec.google.shared_budget is not None:
        _meta_half(data, name, spec.google.shared_budget, split, policy)
    elif to == "google" and any(g.meta.budget is not None for g in spec.ad_groups):
        _beside_ad_set_budgets(spec, data, name, split, policy)
    else:
        _split_budget(data, source, to, split, policy)
    if policy is not None:
        result.attention += _policy_shared(workspace, name, policy)
    app = to == "google" and spec.objective == Objective.APP_PROMOTION
    places_only = "a Google app campaign" if app else None  # a campaign targeting places only on Google
    if to == "google" and not app:
        places_only = _PLACES_ONLY_CHANNELS.get(spec.google.channel)
    _creatives(spec, data, to, source, result, app)
    if to == "meta":
        _dynamic_groups_stay_on_google(spec, data, result)
        _street_addresses_stay_on_google(session.root, doc, name, data, result)
    result.attention += _channel_choices(spec, to)
    if to == "meta":
        result.attention += _google_only_targeting(spec)
        result.attention += google_devices_attention(spec)
        result.attention += ad_group_devices_attention(spec)
        result.attention += google_location_bids_attention(spec)
        result.attention += _google_only_places(spec)
        result.attention += [
            f"ad group {group.name!r} has a product filter (google.product_groups), which MIDAS does not "
            "translate: it narrows the products of Google's product ads alone (a Meta catalog's product set "
            "is the nearest thing)"
            for group in spec.ad_groups
            if group.google.product_groups is not None
            and spec.google.channel == "demand_gen"
            and (group.platforms is None or "meta" in group.platforms)  # kept on Google: no Meta ad set
        ]
        if spec.google.tracking_url_template is not None or spec.google.url_custom_parameters:
            result.attention.append(
                "google.tracking_url_template and url_custom_parameters apply on Google only: Meta's links "
                "carry the url_parameters alone (its creatives' url_tags)"
            )
        if own := _google_url_options(spec):
            result.attention.append(
                f"{', '.join(own)} apply on Google only: Meta's links carry the url_parameters alone (its "
                "creatives' url_tags)"
            )
        if keywords := _keyword_url_options(spec):
            result.attention.append(
                f"{', '.join(keywords)} apply on Google only: Meta has no keywords, so its ads send everyone "
                "to their creatives' final_url with the url_parameters alone"
            )
        if spec.google.bidding.app_goal is not None or spec.google.bidding.conversion_actions:
            result.attention.append(
                "google.bidding.app_goal and conversion_actions apply on Google only: MIDAS's Meta app "
                "ad sets optimise for installs (APP_INSTALLS) or link clicks, not for in-app conversions"
            )
    if to == "google" and (chats := _conversations(spec)):
        result.attention.append(
            f"{chats} on Meta (meta.destination): Google's ads send people to their "
            "creatives' final_url instead"
        )
    if to == "google" and (forms := _instant_forms(spec)):
        result.attention.append(
            f"{forms} on Meta (meta.destination: form, each creative's meta.lead_form_id): the form is "
            "Meta's alone, and Google's ads send people to their creatives' final_url instead"
        )
    if to == "google" and (gram := [c.name for c in spec.creatives if runs_as_instagram(c)]):
        # The key stays (a creative's ``meta``, still Meta's): Google's ads run as no Instagram account.
        result.notes.append(
            f"creative(s) {', '.join(repr(n) for n in gram)} run as the account's Instagram account on Meta "
            "(meta.instagram_identity): Meta's alone, kept; Google's ads have no such identity"
        )
    if to == "google" and (shown := [c for c in spec.creatives if shows_display_link(c)]):
        # The key stays (a creative's ``meta``, still Meta's); Google builds its display URL otherwise.
        result.attention.append(
            f"creative(s) {', '.join(repr(c.name) for c in shown)} show a display link on Meta "
            f"({', '.join(str(c.meta.display_link) for c in shown)}; meta.display_link): Meta's alone, kept; "
            "Google's ads show their final_url's domain, a search ad with its own display path "
            "(google.path1 / path2): set those if wanted"
        )
    if to == "google" and spec.meta.targeting is not None and spec.meta.targeting.model_fields_set:
        if places_only is None:
            _meta_targeting_to_unified(spec, data, result)
        else:
            result.attention += _meta_only_places(spec, places_only)
    if places_only is not None:
        _places_only_targeting(spec, data, result, places_only)
    if to == "google" and not app:
        if unrun := hours_no_ad_set_runs(spec):  # what ran nowhere runs now: a change, not the same hours
            result.attention.append(
                f"the campaign's hours (schedule.hours) ran on no Meta ad set ({unrun}); on Google they are "
                "the campaign's ad schedule"
            )
        if (viewers := _hours_in_viewer_zones(spec)) is not None:
            result.attention.append(
                f"the campaign's hours run in each viewer's time zone on Meta{viewers} "
                "(meta.hours_time_zone: viewer); Google runs them in the Google account's "
                "(schedule.time_zone)"
            )
        for group in ad_groups(spec, "google"):
            if not group.keywords and not spec.google.keywords and spec.google.channel == "search":
                result.attention.append(
                    f"ad group {group.name!r} has no keywords: a Search ad group serves nothing without them"
                )
            adset_schedule = group.meta.schedule
            if adset_schedule is not None and adset_schedule.model_fields_set & {"start", "end"}:
                result.attention.append(
                    f"ad group {group.name!r} has dates of its own on Meta (meta.schedule); on Google it "
                    "runs the campaign's"
                )
            if adset_schedule is not None and adset_schedule.hours is not None:  # Google's are the campaign's
                result.attention.append(
                    f"ad group {group.name!r} has hours of its own on Meta (meta.schedule.hours), which "
                    "Google cannot run for one ad group (its ad schedule is the campaign's); on Google it "
                    "runs the campaign's"
                )
            if group.meta.dynamic_creative:  # ``spec._meta_dynamic_creative``
                result.attention.append(_dynamic_creative_attention(spec, group))
    out = io.StringIO()
    yaml.dump_all(documents, out)
    result.after = laid_out_like(out.getvalue(), before)
    mirrored = _check(session, doc.file, result.after, name)
    # What the new platform runs is the edited spec's (an app campaign's targeting may have moved away).
    result.warnings = _fidelity(session, mirrored, to, account)
    if not ad_groups(mirrored, to):
        result.attention.append(
            f"no ad group runs on {to}: every one is kept on {source} (see above); add one that runs on "
            f"{to} before applying, or the campaign serves nothing there"
        )
    if write:
        write_spec_text(path, result.after)
    return result


def _keep_on(entry: Any, platform: str) -> None:
    """Keep the ad group or creative ``entry`` of the edited YAML on ``platform`` alone (``platforms: [..]``,
    in flow style)."""
    entry["platforms"] = CommentedSeq([platform])
    entry["platforms"].fa.set_flow_style()


def _dynamic_groups_stay_on_google(spec: CampaignSpec, data: Any, result: MirrorResult) -> None:
    """A dynamic ad group (``google.webpages``) runs on Google alone: kept there, and said."""
    listed = data["spec"].get("ad_groups") or CommentedSeq()
    for index, group in enumerate(spec.ad_groups):
        if is_dynamic_group(group) and group.platforms is None:
            _keep_on(listed[index], "google")
            result.attention.append(
                f"ad group {group.name!r} stays on google only: it is a Google dynamic ad group "
                f"(google.webpages): {DYNAMIC_GOOGLE_ONLY} — give Meta an ad group of its own"
            )


def _street_address(location: str) -> bool:
    """Whether ``location`` is a radius around a street address (Google's alone for now:
    ``targeting.places.meta_radius_problem``)."""
    radius = parse_radius(location)
    return radius is not None and radius.address is not None


def _not_on_meta(location: str) -> bool:
    """Whether ``location`` is a radius Meta takes none of (``targeting.places.meta_radius_problem``: around a
    street address, in part of a unit around a city, out of Meta's range): Google's alone."""
    radius = parse_radius(location)
    return radius is not None and meta_radius_problem(radius) is not None


def _why_google_s(locations: Sequence[str]) -> str:
    """Why the radii ``locations`` (``_not_on_meta``) stay Google's: the reason they share, else each's."""
    reasons = {location: _why_not_on_meta(location) for location in locations}
    if len(set(reasons.values())) == 1:
        return next(iter(reasons.values()))
    return "; ".join(f"{location!r}: {why}" for location, why in reasons.items())


def _why_not_on_meta(location: str) -> str:
    """Why Meta takes no such radius as ``location`` (``_not_on_meta``), as a sentence."""
    radius = parse_radius(location)
    if radius is None or radius.address is not None:
        return _A_STREET_ADDRESS
    return meta_radius_problem(radius) or ""


def _street_addresses_stay_on_google(
    root: Path, doc: Any, name: str, data: Any, result: MirrorResult
) -> None:
    """A radius around a street address stays Google's: MIDAS sends Meta none yet. The campaign's go to Meta
    as its other places, written as Meta's override (``meta.targeting.locations``: the unified list keeps
    the address, which Google reads) without the geo target constants, Google's alone; an ad group naming
    one in its own locations, which apply on Meta (and on Google but on Search and Display, which read the
    campaign's: the note says they apply nowhere there), stays on Google. An ad group on Google alone
    already (written so, or a dynamic ad group ``_dynamic_groups_stay_on_google`` kept there) is left as
    it is and takes no Meta place. Refused (nothing written) when Meta would be left with no place at
    all, which would make its ad sets serve everywhere, or with no ad group (each kept on Google), which
    would give Meta a campaign with a budget share and no ad set."""
    spec: CampaignSpec = doc.spec
    listed = data["spec"].get("ad_groups") or CommentedSeq()
    uses_campaigns = not spec.ad_groups  # the implicit ad group takes the campaign's places
    kept: list[str] = []  # why each ad group kept on Google for its places is
    # Search and Display set locations per campaign: an ad group kept on Google is told its own apply nowhere.
    nowhere = (
        "; on Search and Display Google reads the campaign's locations, not an ad group's, so there they "
        "apply nowhere"
        if spec.google.channel in ("search", "display")
        else ""
    )
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None or "platforms" in listed[index]:
            continue  # on Google alone already: written so, or kept there (a dynamic ad group)
        if group.targeting is None or "locations" not in group.targeting.model_fields_set:
            uses_campaigns = True
            continue
        if streets := [location for location in group.targeting.locations if _not_on_meta(location)]:
            _keep_on(listed[index], "google")
            named = (
                "names a radius around a street address, and"
                if all(map(_street_address, streets))
                else "names a radius Meta takes none of:"
            )
            line, _ = locate(root, doc, ("spec", "ad_groups", index, "targeting", "locations"))
            kept.append(
                f"ad group {group.name!r} stays on google only, its targeting.locations ({doc.file}:{line}: "
                f"spec.ad_groups[{index}].targeting.locations) {', '.join(repr(s) for s in streets)} "
                f"{named} {_why_google_s(streets)}{nowhere}"
            )
            result.attention.append(
                f"ad group {group.name!r} stays on google only: its targeting.locations "
                f"{', '.join(repr(s) for s in streets)} {named} {_why_google_s(streets)}{nowhere} — give "
                "Meta an ad group of its own targeting a city or a point there"
            )
    if kept and not any("platforms" not in entry or "meta" in entry["platforms"] for entry in listed):
        raise MidasError(
            f"campaign {name!r}: no ad group would run on Meta: {'; '.join(kept)}; so Meta would run the "
            "campaign's budget share with no ad set; expected an ad group that runs on Meta, targeting a "
            "place Meta has (a city, a region, a postal code, a radius around a city or a point); nothing "
            "written"
        )
    meta_override = spec.meta.targeting
    if not uses_campaigns or (meta_override is not None and "locations" in meta_override.model_fields_set):
        return
    written = list((data["spec"].get("targeting") or {}).get("locations") or ())
    streets = [str(location) for location in written if _not_on_meta(str(location))]
    if not streets:
        return
    # Meta's override holds what Meta can: no street address, nor a geo target constant (Google's alone,
    # which Meta's ad set would leave out: ``targeting.places.google_alone``).
    constants = [str(location) for location in written if is_google_geo(str(location))]
    rest = [location for location in written if str(location) not in {*streets, *constants}]
    if not rest:
        line, _ = locate(root, doc, ("spec", "targeting", "locations"))
        at = f"{doc.file}:{line}: spec.targeting.locations"
        all_streets = all(map(_street_address, streets))
        if not constants:
            what = (
                f"is a radius around a street address ({at}), which MIDAS sends Meta none of yet"
                if all_streets
                else f"is a radius Meta takes none of ({at}: {_why_google_s(streets)})"
            )
            raise MidasError(
                f"campaign {name!r}: every location the campaign targets {what}, so its Meta ad sets would "
                "target every place; expected meta.targeting.locations naming Meta's places (a city, a "
                "radius around a city or a point); nothing written"
            )
        radii = "is a radius" if len(streets) == 1 else "are radii"
        kind = "is a Google geo target constant" if len(constants) == 1 else "are Google geo target constants"
        why = (
            "around a street address, which MIDAS sends Meta none of yet"
            if all_streets
            else f"Meta takes none of ({_why_google_s(streets)})"
        )
        raise MidasError(
            f"campaign {name!r}: no location the campaign targets is one Meta can hold ({at}: "
            f"{', '.join(map(repr, streets))} {radii} {why}; {', '.join(constants)} {kind}, which Meta has "
            "no equivalent of), so its Meta ad sets would target every place; expected "
            "meta.targeting.locations naming Meta's places (a city, a region, a postal code, a radius around "
            "a city or a point); nothing written"
        )
    meta = data["spec"].setdefault("meta", CommentedMap())
    targeting = meta.setdefault("targeting", CommentedMap())
    targeting["locations"] = CommentedSeq(rest)
    targeting["locations"].fa.set_flow_style()
    result.attention.append(
        f"the campaign's targeting.locations {', '.join(repr(s) for s in streets)} "
        f"{'stays' if len(streets) == 1 else 'stay'} Google's: "
        f"{_why_google_s(streets)}; Meta targets the others (meta.targeting.locations, Meta's override, "
        "which a change to the unified locations no longer reaches): give Meta a city or a point there if it "
        "should reach the same people"
    )


#: Why a radius around a street address stays Google's (``targeting.places.meta_radius_problem``).
_A_STREET_ADDRESS: Final = (
    "MIDAS sends Meta no radius around a street address yet (Meta geocodes an address_string to a point and "
    "describes point pins with an address too, so a read cannot tell the two apart: no exact round trip)"
)


def _hours_in_viewer_zones(spec: CampaignSpec) -> str | None:
    """Which Meta ad sets run the campaign's ``schedule.hours`` (those without their own) in each viewer's
    time zone, each by its own ``meta.hours_time_zone`` over the campaign's, said for people: ``""`` for the
    campaign's one implicit ad set (None: none, so Google runs the hours as Meta does). An ad set's own hours
    are noted on their own: Google runs the campaign's for it."""
    viewers = [
        (index, group)
        for index, group in meta_adset_groups(spec)
        if spec.schedule.hours
        and (group.meta.schedule is None or group.meta.schedule.hours is None)
        and adset_hours_time_zone(spec, group) == "viewer"
    ]
    if not viewers:
        return None
    names = [repr(group.name) for index, group in viewers if index is not None]
    if not names:
        return ""
    return f" for ad group {names[0]}" if len(names) == 1 else f" for ad groups {', '.join(names)}"


def _conversations(spec: CampaignSpec) -> str | None:
    """Which of the campaign's Meta ad sets open a conversation (``meta.destination``), said for people
    (None: none)."""
    destinations = [(g.name, adset_destination(spec, g)) for _, g in meta_adset_groups(spec)]
    opening = [f"{name!r} ({destination_name(d)})" for name, d in destinations if d is not None]
    if not opening:
        return None
    if len(opening) == 1:
        return f"ad group {opening[0]} opens a conversation"
    return f"ad groups {', '.join(opening)} open a conversation"


def _instant_forms(spec: CampaignSpec) -> str | None:
    """Which of the campaign's Meta ad sets open an instant form (``meta.destination: form``), said for
    people (None: none)."""
    opening = [repr(g.name) for _, g in meta_adset_groups(spec) if adset_opens_form(spec, g)]
    if not opening:
        return None
    if len(opening) == 1:
        return f"ad group {opening[0]} opens an instant form"
    return f"ad groups {', '.join(opening)} open an instant form"


def _google_url_options(spec: CampaignSpec) -> list[str]:
    """The Google URL options creatives and ad groups say of their own (``google.tracking_url_template`` …),
    each where it is written."""
    creatives = [
        f"creative {c.name!r} google.{option}"
        for c in spec.creatives
        for option in AD_URL_OPTIONS
        if getattr(c.google, option)
    ]
    groups = [
        f"ad group {g.name!r} google.{option}"
        for g in spec.ad_groups
        for option in GOOGLE_URL_OPTIONS
        if getattr(g.google, option)
    ]
    return [*creatives, *groups]


def _keyword_url_options(spec: CampaignSpec) -> list[str]:
    """The keywords with a landing page or URL options of their own, each with those it says, where it is
    written (the campaign's ``google.keywords`` or an ad group's)."""
    owners = [
        ("the campaign's", spec.google.keywords),
        *((f"ad group {g.name!r}'s", g.keywords) for g in spec.ad_groups),
    ]
    return [
        f"{owner} keyword {keyword.text!r} ({keyword.match}) {', '.join(named)}"
        for owner, keywords in owners
        for keyword in keywords
        if (named := [option for option in KEYWORD_URL_OPTIONS if getattr(keyword, option)])
    ]


def _google_only_targeting(spec: CampaignSpec) -> list[str]:
    """Attention lines for the ages, genders and interests the campaign (or an ad group) targets or
    excludes through ``google`` options: Meta's ad sets take the unified targeting and ``meta.targeting``
    only, so without an edit Meta reaches people Google does not (or leaves out none Google does)."""
    owners = [
        ("the campaign's", spec.google),
        *((f"ad group {g.name!r}'s", g.google) for g in spec.ad_groups),
    ]
    out = []
    for owner, options in owners:
        named = [f"google.{k}" for k in GOOGLE_ONLY_TARGETING if getattr(options, k, None)]
        if named:
            out.append(
                f"{owner} {', '.join(named)} apply on Google only: give meta.targeting (or the ad group's "
                "targeting) the same ages, genders and interests if Meta should reach the same people"
            )
    return out


def _google_only_places(spec: CampaignSpec) -> list[str]:
    """Attention lines for the places the campaign (or an ad group) targets or excludes by their Google geo
    target constant (a county, a neighborhood …): Meta has no such place, so its ad sets leave them out."""
    owners = [
        ("the campaign's", spec.targeting),
        *((f"ad group {g.name!r}'s", g.targeting) for g in spec.ad_groups if g.targeting is not None),
    ]
    out = []
    for owner, targeting in owners:
        places = geo_constant_entries(targeting)
        for listed, excluded in (("locations", False), ("exclude.locations", True)):
            alone = [entry for entry, its in places if its == excluded]
            if alone:
                out.append(
                    f"{owner} targeting.{listed} {', '.join(alone)} are Google's alone (geo target "
                    "constants: Meta has no such place), so Meta's ad sets leave them out: give Meta the "
                    "cities, regions, postal codes or a radius that cover them if it should reach the same "
                    "places"
                )
    return out


def _meta_targeting_to_unified(spec: CampaignSpec, data: Any, result: MirrorResult) -> None:
    """The campaign's ``meta.targeting`` moved into its unified targeting: an override replaces the fields
    it sets, so Meta reaches exactly the people it did, and Google, which would not read Meta's override,
    now targets them too (as closely as it can: the mapper's fidelity warnings say where it cannot)."""
    assert spec.meta.targeting is not None
    meta = data["spec"]["meta"]
    override = meta.pop("targeting")
    if not meta:
        data["spec"].pop("meta")
    unified = data["spec"].get("targeting")
    if unified is None:
        unified = data["spec"]["targeting"] = CommentedMap()
    for name, value in override.items():
        unified[name] = value
    moved = ", ".join(override)
    result.attention.append(
        f"the campaign's meta.targeting ({moved}) moved to the unified targeting, so Google targets them "
        "too (Meta reaches the same people as before)"
    )


def _meta_only_places(spec: CampaignSpec, campaign: str) -> list[str]:
    """Attention lines for the locations and languages ``meta.targeting`` gives Meta alone, when the
    campaign goes to Google as a ``campaign`` targeting places only (which reads the unified ones)."""
    assert spec.meta.targeting is not None
    named = [
        f"meta.targeting.{k}" for k in ("locations", "languages") if k in spec.meta.targeting.model_fields_set
    ]
    if not named:
        return []
    return [
        f"the campaign's {', '.join(named)} apply on Meta only: {campaign} targets the unified "
        "targeting's locations and languages; give them the same ones if Google should reach the same places"
    ]


def _channel_choices(spec: CampaignSpec, to: str) -> list[str]:
    """Attention lines for the ad groups that pick where they show on the platform they run on: a Demand
    Gen ad group's ``google.channels`` (YouTube, Discover, Gmail, the Display Network, Maps) and a Meta ad
    set's ``meta.placements`` (Facebook, Instagram, Audience Network, Messenger, Threads, WhatsApp) name no
    common surface, so neither is carried over: the new platform runs the ad group on all of its own."""
    out = []
    for group in spec.ad_groups:
        if to == "meta" and group.google.channels != "all":
            out.append(
                f"ad group {group.name!r} runs on Google channels of its own (google.channels: "
                f"{group.google.channels}); they have no Meta placements to map to exactly, so its ad set "
                "runs on the campaign's meta.placements (set meta.placements on the ad group to narrow it)"
            )
        own = group.meta.placements
        if (
            to == "google"
            and spec.google.channel == "demand_gen"
            and own is not None
            and placement_positions(own)
        ):
            out.append(
                f"ad group {group.name!r} runs on Meta placements of its own (meta.placements: "
                f"{_placements_text(own)}); they have no Google channels to map to exactly, so on Google it "
                "runs on all Demand Gen channels (set google.channels on the ad group to narrow it)"
            )
    if to == "google":
        out += _positions_and_devices(spec)
        out += _advantage_audience_settings(spec)
    return out


def _positions_and_devices(spec: CampaignSpec) -> list[str]:
    """Attention lines for the Meta positions (``meta.placements`` by position) and device platforms
    (``meta.devices``) the campaign and its ad groups name: Meta's alone, kept on Meta, and not carried over:
    Google shows the ads wherever and on whatever device its channel does."""
    owners: list[tuple[str, MetaOptions | AdGroupMeta]] = [("the campaign", spec.meta)]
    owners += [(f"ad group {group.name!r}", group.meta) for group in spec.ad_groups]
    # A Demand Gen ad group's own placements already have their line (``_channel_choices``).
    demand_gen = spec.google.channel == "demand_gen"
    out = []
    for who, meta in owners:
        if isinstance(meta.placements, MetaPositions) and not (demand_gen and meta is not spec.meta):
            out.append(
                f"{who} places its Meta ads by position (meta.placements: "
                f"{_placements_text(meta.placements)}), which Meta alone has: Google shows them in every "
                "position its channel has"
            )
        if meta.devices:
            out.append(
                f"{who} runs its Meta ads on some devices (meta.devices: {list(meta.devices)}), which stays "
                "Meta's: Google shows them on every device (MIDAS sets no device bid adjustments)"
            )
    return out


def _advantage_audience_settings(spec: CampaignSpec) -> list[str]:
    """Attention lines for Advantage+ audience's per-key settings (``meta.advantage_audience_settings``) the
    campaign and its ad groups write: Meta's alone, kept on Meta as written, nothing of them on Google."""
    owners: list[tuple[str, MetaOptions | AdGroupMeta]] = [("the campaign", spec.meta)]
    owners += [(f"ad group {group.name!r}", group.meta) for group in spec.ad_groups]
    return [
        f"{who} holds Advantage+ audience settings for its Meta ad sets (meta.advantage_audience_settings: "
        f"{dict(meta.advantage_audience_settings)}), which Meta alone has: kept on Meta as written, Google "
        "has nothing of them"
        for who, meta in owners
        if meta.advantage_audience_settings
    ]


def _placements_text(placements: Sequence[str] | MetaPositions) -> str:
    """``meta.placements`` as the spec writes it: the platforms, or each with its positions."""
    return str(placements.by_platform() if isinstance(placements, MetaPositions) else list(placements))


def _account(session: Any, platform: str, account: str | None) -> str:
    accounts = session.settings.accounts
    if account is not None:
        if account not in accounts or accounts[account].platform != platform:
            known = sorted(a for a, s in accounts.items() if s.platform == platform)
            raise MidasError(
                f"--account {account!r}: expected a {platform} account of midas.yaml, one of {known}"
            )
        return account
    candidates = sorted(a for a, s in accounts.items() if s.platform == platform)
    if len(candidates) != 1:
        raise MidasError(
            f"midas.yaml has {len(candidates)} {platform} accounts ({', '.join(candidates) or 'none'}); "
            "name one with --account"
        )
    return candidates[0]


def _google_only_kind(name: str, kind: str, file: str) -> str:
    """Why an app campaign for engagement or pre-registration cannot run on Meta (``spec._google_app``)."""
    why = (
        "Meta's app ads re-engage people by an app event, which MIDAS does not send"
        if kind == "engagement"
        else "Meta has no pre-registration objective"
    )
    return (
        f"campaign {name!r} is a Google app campaign for {kind.replace('_', '-')} (google.app_campaign: "
        f"{kind} in {file}), which runs on Google alone: {why}. Run the app on Meta as a campaign of its own "
        "(an app_promotion campaign drives installs there); nothing written"
    )


def _meta_app_id_needed(name: str, app: App, file: str) -> str:
    """What to add before an app campaign can run on Meta, which promotes an app by its own id for it."""
    return (
        f"campaign {name!r} promotes app {app.id} ({app.store}), and Meta promotes an app by the id it has "
        f"in Meta's developer tools (developers.facebook.com, the app's settings): add it as `meta_app_id` "
        f'under `app:` in {file} (app: {{..., meta_app_id: "1234567890"}}), then mirror again; '
        "nothing written"
    )


def _without_business_name(spec: CampaignSpec) -> list[str]:
    """The creatives going to a Google Display, Demand Gen or Performance Max campaign with no business name
    for their ads (neither their own ``google.business_name`` nor the campaign's)."""
    if spec.google.channel not in BUSINESS_NAME_CHANNELS or spec.objective == Objective.APP_PROMOTION:
        return []
    return [
        c.name
        for c in spec.creatives
        if (c.platforms is None or "google" in c.platforms) and business_name_of(spec, c) is None
    ]


_BUSINESS_NAME_ADS = {
    "display": ("a Display campaign", "responsive display ads"),
    "demand_gen": ("a Demand Gen campaign", "Demand Gen multi-asset ads"),
    "performance_max": ("a Performance Max campaign", "asset groups"),
}


def _business_name_needed(name: str, creatives: list[str], file: str, channel: str) -> str:
    """What to add before a campaign saying ``google.channel: display`` (or ``demand_gen``,
    ``performance_max``) can run on Google: every ad (asset group) of such a campaign shows a business name,
    which no platform MIDAS reads it from knows."""
    campaign, ads = _BUSINESS_NAME_ADS[channel]
    return (
        f"campaign {name!r} runs on Google as {campaign} (google.channel: {channel}), whose {ads} show the "
        f"business's name, and creatives {', '.join(map(repr, creatives))} have none: add it as "
        f"`business_name` under `google:` in {file} (google: {{channel: {channel}, business_name: "
        "Example Co}, at most 25 characters; a creative's own google.business_name overrides it), then "
        "mirror again; nothing written"
    )


def rsa_problems(creative: Creative, *, app: bool = False) -> list[str]:
    """Why ``creative`` cannot be a Google responsive search ad (``app``: an app ad) ([] when it can)."""
    problems = []
    for texts, (low, high, chars), what in (
        (creative.headlines, APP_AD_HEADLINES if app else RSA_HEADLINES, "headlines"),
        (creative.descriptions, APP_AD_DESCRIPTIONS if app else RSA_DESCRIPTIONS, "descriptions"),
    ):
        if not low <= len(texts) <= high:
            problems.append(f"{len(texts)} {what} (Google needs {low} to {high})")
        long = [t for t in texts if len(t) > chars]
        if long:
            problems.append(f"{len(long)} of its {what} over {chars} characters")
    return problems


def _google_ad_problems(spec: CampaignSpec, creative: Creative, app: bool) -> list[str]:
    """Why ``creative`` cannot be the ad ``spec`` runs on Google: an app ad, a responsive display ad
    (``google.channel: display``), a Demand Gen multi-asset ad (``demand_gen``), an asset group
    (``performance_max``) or a responsive search ad."""
    if not app and spec.google.channel == "display":
        return display_ad_problems(spec, creative)
    if not app and spec.google.channel == "performance_max":
        return performance_max_problems(spec, creative)
    if not app and spec.google.channel == "demand_gen":
        return demand_gen_ad_problems(spec, creative)
    return rsa_problems(creative, app=app)


def _media_left_on_meta(spec: CampaignSpec, creative: Creative, app: bool) -> str | None:
    """What the Google ad of a Meta image or video ad leaves out: ``image_url``, ``meta.image_hash`` and
    ``video_id`` are Meta's (a URL Meta fetches, an image or a video of the Meta ad account's library);
    Google's ads show assets of their own, which a display, Demand Gen, Performance Max or app creative names
    (``_google_ad_problems`` asks for images)."""
    if creative.type == "image" and creative.image_url is not None:
        shown = "an image on Meta (image_url)"
    elif creative.type == "image" and creative.meta.image_hash is not None and creative.meta.images:
        # Its further images of the library (``spec._meta_media_options``) are Meta's alike.
        shown = "images of the Meta ad account's library (meta.image_hash and meta.images)"
    elif creative.type == "image" and creative.meta.image_hash is not None:
        shown = "an image of the Meta ad account's library (meta.image_hash)"
    elif creative.type == "video" and creative.video_id is not None:
        shown = "a video on Meta (video_id)"
    else:
        return None
    if not app and spec.google.channel == "search":
        return (
            f"creative {creative.name!r} shows {shown}, which its Google responsive search ad cannot: on "
            "Google it is text alone"
        )
    if app or creative.type == "image" or creative.google.youtube_videos:
        return None
    return (
        f"creative {creative.name!r} shows {shown}, which Google cannot take from Meta: give it "
        "google.youtube_videos (YouTube video ids) for its Google ad to show one"
    )


def _creatives(spec: CampaignSpec, data: Any, to: str, source: str, result: MirrorResult, app: bool) -> None:
    listed = data["spec"].get("creatives") or CommentedSeq()
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is not None:
            continue  # already placed by hand
        advice = f"rewrite it and drop its `platforms` to run it on {to}"
        if creative.type == "carousel" and to == "google" and spec.google.channel == "demand_gen":
            # A Demand Gen carousel ad: its cards' images are Google asset ids, which a Meta carousel's
            # image URLs cannot give.
            problems = demand_gen_carousel_problems(spec, creative)
            advice = (
                "give it what a Demand Gen carousel ad needs (each card's google images by asset id) and "
                f"drop its `platforms` to run it on {to}"
            )
        elif creative.type == "carousel" and to == "meta":
            problems = meta_carousel_problems(creative)
            advice = f"give it what a Meta carousel needs and drop its `platforms` to run it on {to}"
        elif to == "google" and creative.type in META_ONLY_CREATIVE_TYPES:
            kind = "a carousel" if creative.type == "carousel" else "an ad of an existing Page post (post_id)"
            where = " but a Demand Gen campaign's carousel ad" if creative.type == "carousel" else ""
            problems = [f"it is {kind}, which no Google ad{where} can hold"]
            advice = f"write a creative of headlines and descriptions to run on {to}"
        elif to == "meta" and creative.type == DYNAMIC_SEARCH_CREATIVE:
            problems = [f"it is a Google dynamic search ad: {DYNAMIC_GOOGLE_ONLY}"]
            advice = "write a creative of its own for Meta"
        elif to == "meta" and creative.type == PRODUCT_CREATIVE:
            problems = [f"it is a Google {PRODUCT_AD}: {PRODUCT_GOOGLE_ONLY}"]
            advice = "write a creative of its own for Meta"
        elif to == "google" and creative.final_url is None and messages_only(spec, creative):
            problems = [
                "it opens a conversation on Meta (meta.destination) without a final_url, while every Google "
                "ad has one"
            ]
            advice = f"give it a final_url and drop its `platforms` to run it on {to}"
        elif to == "google" and spec.sends_nowhere(creative):
            kind = "a video ad" if creative.type == "video" else "an image ad"
            problems = [f"it is {kind} sending people nowhere (no final_url), while every Google ad has one"]
            advice = f"give it a final_url and drop its `platforms` to run it on {to}"
        else:
            problems = _google_ad_problems(spec, creative, app) if to == "google" else []
        if problems:
            _keep_on(listed[index], source)
            said = "; ".join(dict.fromkeys(problems))  # one per card may say the same
            result.attention.append(f"creative {creative.name!r} stays on {source} only: {said} — {advice}")
        elif to == "meta" and creative.primary_text is None:
            result.attention.append(
                f"creative {creative.name!r} has no primary_text: Meta shows its first description instead"
            )
        elif to == "google" and (left := _media_left_on_meta(spec, creative, app)):
            result.attention.append(left)
        video_ad = spec.google.channel == "demand_gen" and is_demand_gen_video_ad(creative)
        if (
            to == "meta"
            and spec.google.channel in BUSINESS_NAME_CHANNELS
            and creative.image_url is None
            and creative.meta.image_hash is None
            and not video_ad  # its videos are what Meta needs (below), not an image
            and creative.type != "carousel"  # its cards' media are (above)
        ):
            # A responsive display ad's, a Demand Gen ad's or an asset group's images are Google asset ids,
            # which Meta cannot show.
            result.attention.append(
                f"creative {creative.name!r} has no image_url: its Google images are asset ids of the Google "
                "Ads account; add image_url (and type: image) for Meta to show an image"
            )
        if to == "meta" and creative.google.youtube_videos and creative.video_id is None:
            # A Meta video ad plays a video uploaded to the ad account (``video_id``), which MIDAS uploads
            # none of: a YouTube video is not one.
            videos = ", ".join(creative.google.youtube_videos)
            result.attention.append(
                f"creative {creative.name!r} has YouTube videos ({videos}) "
                "that Meta cannot show without an upload: upload one to the Meta ad account and set video_id "
                "(and type: video) for Meta to show it; until then its Meta ad shows none"
            )


#: The ``google.channel`` values whose campaigns target locations and languages only on Google, and what
#: they are.
_PLACES_ONLY_CHANNELS: Final = {
    "demand_gen": "a Google Demand Gen campaign",
    "performance_max": "a Google Performance Max campaign",
}
#: Targeting a Google app, Demand Gen or Performance Max campaign cannot hold (it targets locations and
#: languages only).
_BEYOND_PLACES_ONLY_TARGETING = ("ages", "genders", "interests", "audiences")


def _places_only_targeting(spec: CampaignSpec, data: Any, result: MirrorResult, campaign: str) -> None:
    """A Google app, Demand Gen or Performance Max ``campaign`` targets locations and languages only: the
    campaign's other targeting moves to ``meta.targeting`` (Meta's own override, which it applies as
    before), and ad groups narrowing it on their own stay on Meta."""
    unified = data["spec"].get("targeting")
    meta_override = spec.meta.targeting
    moved: list[str] = []
    if unified is not None:
        kept = meta_override.model_fields_set if meta_override is not None else set()
        moving = CommentedMap()
        for name in _BEYOND_PLACES_ONLY_TARGETING:
            if name in unified:
                value = unified.pop(name)
                if name not in kept:
                    moving[name] = value
                moved.append(name)
        exclude = unified.get("exclude")
        if exclude is not None and any(exclude.get(k) for k in ("interests", "audiences")):
            if "exclude" not in kept:
                moving["exclude"] = CommentedMap(exclude)
            for key in ("interests", "audiences"):
                exclude.pop(key, None)
            if not exclude:
                unified.pop("exclude")
            moved.append("exclude")
        if moving:
            meta = data["spec"].setdefault("meta", CommentedMap())
            meta.setdefault("targeting", CommentedMap()).update(moving)
    if moved:
        result.attention.append(
            f"the campaign's {', '.join(moved)} moved to meta.targeting: {campaign} targets locations and "
            "languages only (Meta keeps them)"
        )
    listed = data["spec"].get("ad_groups") or CommentedSeq()
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None or group.targeting is None:
            continue
        narrowed = [n for n in _BEYOND_PLACES_ONLY_TARGETING if n in group.targeting.model_fields_set]
        excluded = group.targeting.exclude
        narrowed += [f"exclude.{k}" for k in ("interests", "audiences") if getattr(excluded, k)]
        if narrowed:
            _keep_on(listed[index], "meta")
            result.attention.append(
                f"ad group {group.name!r} stays on meta only: it narrows {', '.join(narrowed)}, which "
                f"{campaign} cannot target"
            )


def _policy_shared(workspace: Any, name: str, policy: str) -> list[str]:
    """What taking the budget from ``policy`` does to the campaigns it funds already: they share its total
    with campaign ``name`` from now on, so their budgets change too."""
    others = sorted(
        other
        for other, doc in workspace.campaigns.items()
        if other != name and doc.spec.budget.policy == policy
    )
    if not others:
        return []
    total = workspace.budget_policies[policy].spec
    return [
        f"budget policy {policy!r} funds {', '.join(repr(o) for o in others)} already: its "
        f"{format_amount(total.total, total.currency)} a day is now shared with {name!r} too, so "
        "their budgets change (the plan shows how much)"
    ]


def _split_budget(data: Any, source: str, to: str, split: Decimal | None, policy: str | None) -> None:
    """The campaign's budget split between ``source`` and ``to`` (``split``: ``to``'s share; default half),
    or from ``policy``."""
    budget = data["spec"]["budget"]
    if policy is not None:
        for key in ("daily", "lifetime", "policy"):
            budget.pop(key, None)
        budget.insert(0, "policy", policy)
    if split is not None or (policy is None and budget.get("policy") is None):
        share = split if split is not None else Decimal("0.5")
        budget["split"] = flow_mapping(by="share", **{source: Decimal(1) - share, to: share})


def _beside_ad_set_budgets(
    spec: CampaignSpec, data: Any, name: str, split: Decimal | None, policy: str | None
) -> None:
    """A Meta campaign funded by its ad sets' budgets keeps them: they are its Meta share (those of the
    campaign budget's period), so Google's share is added beside it — ``split`` of the new total (default
    half) — and the budget is split by amount."""
    if policy is not None:
        raise MidasError(
            f"campaign {name!r} is funded on Meta by its ad sets' budgets (meta.budget), which a budget "
            "policy cannot split; expected --split (Google's share of the new total) or none (half)"
        )
    period = "daily" if spec.budget.daily is not None else "lifetime"
    meta = sum(
        (getattr(g.meta.budget, period) or Decimal(0) for g in spec.ad_groups if g.meta.budget is not None),
        Decimal(0),
    )
    share = split if split is not None else Decimal("0.5")
    cent = Decimal(1).scaleb(-currency_exponent(spec.budget.currency))
    google = (meta * share / (Decimal(1) - share)).quantize(cent)
    budget = data["spec"]["budget"]
    budget[period] = meta + google
    budget["split"] = flow_mapping(by="amount", meta=meta, google=google)


def _meta_half(data: Any, name: str, shared: str, split: Decimal | None, policy: str | None) -> None:
    """A Google-only campaign on a shared budget has no budget of its own to split: its Meta half comes
    from ``policy`` (a fixed amount is the advertiser's to write)."""
    if split is not None or policy is None:
        raise MidasError(
            f"campaign {name!r} is funded on Google by shared budget {shared!r}, so it has no budget of its "
            "own to split; expected --policy NAME for its Meta budget (or write budget.daily, the Meta "
            "half, in its spec)"
        )
    budget = data["spec"].get("budget")
    if budget is None:
        data["spec"].insert(list(data["spec"]).index("objective") + 1, "budget", flow_mapping(policy=policy))
        return
    for key in ("daily", "lifetime", "policy", "split"):
        budget.pop(key, None)
    budget.insert(0, "policy", policy)


def _check(session: Any, file: str, text: str, name: str) -> CampaignSpec:
    """Campaign ``name`` as the workspace with ``file`` replaced by ``text`` holds it, which must pass what
    ``midas validate`` checks: load, then compile (a platform's share under its minimum budget, names its
    accounts do not know); nothing is written otherwise."""
    try:
        workspace = load_workspace(session.root, replacing={file: text})
        compile_workspace(workspace, resolver_for=session.resolver)
        return workspace.campaigns[name].spec
    except SpecError as exc:
        raise MidasError(
            "the mirrored spec would not validate (nothing written):\n"
            + "\n".join(f"  {issue}" for issue in exc.issues)
        ) from None


def _fidelity(session: Any, spec: Any, to: str, account: str) -> list[str]:
    """The mapper's warnings (and names the new platform does not know) for every ad group's targeting."""
    resolver = session.resolver(account)
    mapper = TargetingMapper(**{f"{to}_resolver": resolver})
    base = platform_targeting(spec, to)
    warnings: list[str] = []
    for group in ad_groups(spec, to):
        targeting = merged_targeting(base, group.targeting)
        mapped = mapper.to_google(targeting) if to == "google" else mapper.to_meta(targeting)
        warnings += mapped.warnings
        warnings += [
            f"{name} is not known to {to} account {account!r}"
            for name in mapped.unresolved
            if not isinstance(name, PlaceConflict)  # the plan names it at its entry
        ]
    return sorted(set(warnings))


def _dynamic_creative_attention(spec: CampaignSpec, group: AdGroup) -> str:
    """What ``mirror --to google`` says of a Dynamic Creative ad set (Meta's alone): its creative runs on
    Google as Google's own ad, or, when it runs on Meta alone (``platforms``), on no Google ad at all."""
    said = (
        f"ad group {group.name!r} is a Dynamic Creative ad set on Meta (meta.dynamic_creative), which is "
        "Meta's alone"
    )
    meta_alone = [
        creative
        for creative in spec.creatives
        if (group.creatives is None or creative.name in group.creatives)
        and creative.platforms is not None
        and "google" not in creative.platforms
        and "meta" in creative.platforms
    ]
    if len(meta_alone) == 1:
        platforms = ", ".join(meta_alone[0].platforms or ())
        return (
            f"{said}: its creative {meta_alone[0].name!r} runs on Meta alone (platforms: [{platforms}]), so "
            "on Google the ad group runs no ad of it"
        )
    return (
        f"{said}: on Google its creative runs as Google's own ad, which mixes its headlines and descriptions "
        "itself"
    )
