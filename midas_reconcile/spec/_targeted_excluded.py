"""One place targeted by one targeting and excluded by another that a platform reads with it.

What a platform reads is the campaign's targeting, the platform's override (``google.targeting`` /
``meta.targeting``) and, where targeting is per ad group, the ad group's own, each replacing the fields it
sets (``compile._shared.merged_targeting``): its ``locations`` are those of the last of them that sets
them, its ``exclude`` likewise. The readers are Google's campaign (its location criteria are campaign
criteria; an ad group's own locations and exclusions apply on Meta only), each ad group of a Google Demand
Gen campaign instead (its locations are ad group criteria) and each Meta ad set.

Where one entry (in any case) is targeted by one of those and excluded by another, Google refuses the pair
(``CANNOT_TARGET_AND_EXCLUDE``, google-ads v26 ``errors/campaign_criterion_error.proto`` and
``ad_group_criterion_error.proto``; the sandbox refuses the second operation mid-apply), and a Meta ad set
excludes every place of it, so Meta reaches no one there. Whether Meta refuses the pair is unconfirmed: the
sandbox's Meta takes it, as it takes any ``excluded_geo_locations``; MIDAS refuses it on both, as it does a
place both targeted and excluded in one targeting. Each finding is a spec error at the entry written last
(the later targeting's), naming the other entry and the readers, once per pair however many read it.

Said elsewhere, so left out here: the pair in one targeting (``checks._targeting``), a platform override's
locations beside the campaign's exclusions (``checks._override_targets_what_the_campaign_excludes``), a
Demand Gen ad group's own locations beside the exclusions it inherits
(``_google_demand_gen._inherited_exclusions``), radii (Google leaves an excluded radius out; a Meta
ad set's are measured by ``_excluded_radii``), and, in a Meta ad set, Google's geo target constants (Meta
holds none). One place written two ways is found once resolved
(``targeting.model.TargetedAndExcluded``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from midas_reconcile.spec._excluded_radii import (
    CAMPAIGN,
    GOOGLE_OVERRIDE,
    Layers,
    campaign_layers,
    decided_by,
    group_layers,
    layers_said_apart,
    meta_adset_layers,
)
from midas_reconcile.spec._google_demand_gen import runs_google_demand_gen
from midas_reconcile.spec._places import google_geo_id, inherited_and_targeted, parse_radius
from midas_reconcile.spec._yaml import PathKey, format_path
from midas_reconcile.spec.models import AdGroup, CampaignSpec, platform_targeting

Add = Callable[[PathKey, str], None]

_GOOGLE_REFUSES: Final = "Google refuses to target and exclude one criterion (CANNOT_TARGET_AND_EXCLUDE)"
_META_REACHES_NO_ONE: Final = "every place of it is excluded, so Meta reaches no one there"


@dataclass
class _Finding:
    code: str
    #: Whether the entry written last is the excluded one.
    excluded_here: bool
    other: PathKey
    readers: list[str] = field(default_factory=list)
    on_google: bool = False
    on_meta: bool = False


def _google_readers(spec: CampaignSpec) -> Iterator[tuple[str, Layers, bool]]:
    """Google's readers of location targeting: (name, layers, whether an ad group's) — the campaign, or a
    Demand Gen campaign's ad groups on Google."""
    campaign = campaign_layers(spec, GOOGLE_OVERRIDE, spec.google.targeting)
    if not runs_google_demand_gen(spec):
        yield "Google's campaign", campaign, False
        return
    groups = [(i, g) for i, g in enumerate(spec.ad_groups) if g.platforms is None or "google" in g.platforms]
    if not spec.ad_groups:
        yield "Google's ad group", campaign, True
    for index, group in groups:
        yield f"Google's ad group {group.name!r}", group_layers(campaign, index, group), True


def _said_apart(located_by: PathKey, excluded_by: PathKey, google_group: bool) -> bool:
    """Whether another check reports an entry targeted at ``located_by`` and excluded at ``excluded_by``."""
    if layers_said_apart(located_by, excluded_by):
        return True
    return (  # _google_demand_gen._inherited_exclusions
        google_group
        and located_by[:2] == ("spec", "ad_groups")
        and excluded_by in (CAMPAIGN, GOOGLE_OVERRIDE)
    )


def _demand_gen_says(spec: CampaignSpec, group: AdGroup) -> set[str]:
    """The entries (case-folded) of ``group``'s own locations that the Demand Gen check reports
    (``_google_demand_gen._inherited_exclusions``: the Google exclusions it inherits hold them) where its
    Meta ad set reads them too: one error at the entry is enough."""
    own = group.targeting
    if (
        not runs_google_demand_gen(spec)
        or own is None
        or (group.platforms and "google" not in group.platforms)
    ):
        return set()
    return {code.casefold() for code in inherited_and_targeted(own, platform_targeting(spec, "google"))}


def check_targeted_and_excluded(add: Add, spec: CampaignSpec, running: Sequence[str]) -> None:
    """Every reader's locations against its exclusions, layer against layer (see the module docstring)."""
    readers: list[tuple[str, Layers, bool, bool, set[str]]] = []
    if "google" in running:
        readers += [(name, layers, group, True, set()) for name, layers, group in _google_readers(spec)]
    if "meta" in running:
        readers += [
            (f"Meta's ad set {group.name!r}", layers, False, False, _demand_gen_says(spec, group))
            for _, group, layers in meta_adset_layers(spec)
        ]
    # One finding per pair of entries: readers of one entry may read the other at different layers.
    found: dict[tuple[PathKey, PathKey], _Finding] = {}
    for name, layers, google_group, on_google, said in readers:
        located_at, located_by, located = decided_by(layers, "locations")
        excluded_at, excluded_by, excluding = decided_by(layers, "exclude")
        if _said_apart(located_by, excluded_by, google_group):
            continue
        targeted = {code.casefold(): t for t, code in enumerate(located.locations)}
        for e, code in enumerate(excluding.exclude.locations):
            t = targeted.get(code.casefold())
            if t is None or parse_radius(code) is not None or code.casefold() in said:
                continue
            if not on_google and google_geo_id(code) is not None:
                continue  # Google's alone: Meta's ad set holds neither (``Emitter.google_alone``)
            here, other = (*excluded_by, "exclude", "locations", e), (*located_by, "locations", t)
            excluded_here = excluded_at > located_at
            if not excluded_here:
                here, other = other, here
            finding = found.setdefault((here, other), _Finding(code, excluded_here, other))
            if name not in finding.readers:
                finding.readers.append(name)
            finding.on_google |= on_google
            finding.on_meta |= not on_google
    for (path, _), finding in found.items():
        add(path, _message(finding))


def _message(finding: _Finding) -> str:
    this, that = ("excluded", "targeted") if finding.excluded_here else ("targeted", "excluded")
    readers = ", ".join(finding.readers)
    why = [_GOOGLE_REFUSES] if finding.on_google else []
    if finding.on_meta:
        why.append(_META_REACHES_NO_ONE)
    return (
        f"location {finding.code!r} is {this} here and {that} at {format_path(finding.other)}, which "
        f"{readers} {'reads' if len(finding.readers) == 1 else 'read'} with it: {'; '.join(why)}; expected "
        "the place in one of the two lists (an override replaces the whole field it sets)"
    )
