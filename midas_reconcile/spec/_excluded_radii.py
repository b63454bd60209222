"""An excluded radius holding a targeted one entirely, in one Meta ad set's targeting.

Each Meta ad set targets the campaign's targeting with Meta's override (``meta.targeting``) and its ad
group's own applied, each replacing the fields it sets (``compile._shared.merged_targeting``): its
``locations`` are those of the last of the three that sets them, its ``exclude`` likewise. Where an excluded
radius there holds a radius the same ad set targets (the same circle too), every place of it is excluded:
Meta, which excludes the pin, reaches no one there, and when it holds every place the ad set targets the ad
set delivers nothing. Neither platform is documented to refuse it (unconfirmed): MIDAS does.

Only Meta's ad sets are checked: Google is believed to take no excluded radius
(``targeting.places.meta_alone``: the Google campaign leaves it out, with a warning), so the unified
targeting alone, or Google's override, says nothing of what Meta excludes. Two radii around one city are
measured by their distances alone (the platform geocodes the city to one point for both); a radius around a
city or a street address against another centre, whose point only the platform knows, is not measured
(``_places.radius_covers``).

Each finding is at the entry written last of the two — an exclusion the ad set adds (its ad group's, or
Meta's override's) over the radius it inherits, or a radius it targets inside an exclusion it inherits — once
however many ad sets share it. The same entry both targeted and excluded in one targeting, or in Meta's
override and the campaign's exclusions, is said apart (``checks._targeting``,
``checks._override_targets_what_the_campaign_excludes``); in other targetings an ad set reads together,
``_targeted_excluded`` leaves radii to this check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from midas_reconcile.spec._places import parse_radius, radius_covers
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import AdGroup, CampaignSpec, Targeting, meta_adset_groups

Add = Callable[[PathKey, str], None]

CAMPAIGN: Final[PathKey] = ("spec", "targeting")
GOOGLE_OVERRIDE: Final[PathKey] = ("spec", "google", "targeting")
META_OVERRIDE: Final[PathKey] = ("spec", "meta", "targeting")


@dataclass
class _Finding:
    """A targeted radius held entirely by an excluded one, reported at the entry written last."""

    #: Whether it is reported at the exclusion (one the ad set adds) rather than at the targeted radius.
    at_exclusion: bool
    excluded: str
    #: Where the excluded radius is written: the campaign's targeting, Meta's override or an ad group's.
    excluded_by: PathKey
    targeted: list[str] = field(default_factory=list)
    #: Whether Google's campaign targets and excludes the same (its unified targeting, no override of it).
    on_google: bool = False
    #: The Meta ad sets it leaves no place to target (every place they target is excluded).
    emptied: list[str] = field(default_factory=list)


#: The targeting a Meta ad set merges, campaign first: (where it is written, what it says).
Layers = list[tuple[PathKey, Targeting]]


def campaign_layers(spec: CampaignSpec, override_path: PathKey, override: Targeting | None) -> Layers:
    """The targeting layers a platform reads of a campaign: the campaign's, then the platform's override
    (``override``, written at ``override_path``) where there is one."""
    return [(CAMPAIGN, spec.targeting), *([(override_path, override)] if override is not None else [])]


def group_layers(campaign: Layers, index: int | None, group: AdGroup) -> Layers:
    """``campaign``'s layers (``campaign_layers``) with the ad group's own targeting (at ``index``; None:
    the campaign's one implicit group) on top, as ``compile._shared.merged_targeting`` merges them."""
    if index is None or group.targeting is None:
        return list(campaign)
    return [*campaign, (("spec", "ad_groups", index, "targeting"), group.targeting)]


def meta_adset_layers(spec: CampaignSpec) -> Iterator[tuple[int | None, AdGroup, Layers]]:
    """Each Meta ad set's group (``meta_adset_groups``) with the targeting layers it merges: the campaign's,
    Meta's override, its ad group's own (as ``compile._shared.merged_targeting`` merges them)."""
    campaign = campaign_layers(spec, META_OVERRIDE, spec.meta.targeting)
    for index, group in meta_adset_groups(spec):
        yield index, group, group_layers(campaign, index, group)


def decided_by(layers: Sequence[tuple[PathKey, Targeting]], name: str) -> tuple[int, PathKey, Targeting]:
    """Which of the targeting ``layers`` (campaign first) decides field ``name``, with its position: the last
    that sets it, as ``compile._shared.merged_targeting`` merges them, else the campaign's."""
    for position in range(len(layers) - 1, 0, -1):
        if name in layers[position][1].model_fields_set:
            return position, *layers[position]
    return 0, *layers[0]


def layers_said_apart(located_by: PathKey, excluded_by: PathKey) -> bool:
    """Whether an entry targeted at ``located_by`` and excluded at ``excluded_by`` is reported by another
    check: in one targeting (``checks._targeting``), or in a platform's override beside the campaign's
    exclusions (``checks._override_targets_what_the_campaign_excludes``)."""
    return located_by == excluded_by or (
        located_by in (GOOGLE_OVERRIDE, META_OVERRIDE) and excluded_by == CAMPAIGN
    )


def check_meta_excluded_radii(add: Add, spec: CampaignSpec, running: Sequence[str]) -> None:
    """Every Meta ad set's excluded radii against the radii it targets (see the module docstring)."""
    if "meta" not in running:
        return
    google = spec.google.targeting
    google_as_unified = "google" in running and (
        google is None or not {"locations", "exclude"} & google.model_fields_set
    )
    found: dict[PathKey, _Finding] = {}
    for _, group, layers in meta_adset_layers(spec):
        located_at, located_by, located = decided_by(layers, "locations")
        excluded_at, excluded_by, excluding = decided_by(layers, "exclude")
        exclusions = [
            (i, code, outer)
            for i, code in enumerate(excluding.exclude.locations)
            if (outer := parse_radius(code)) is not None
        ]
        held, reported = 0, []
        for t, code in enumerate(located.locations):
            inner = parse_radius(code)
            covering = next(
                ((i, e) for i, e, outer in exclusions if inner is not None and radius_covers(outer, inner)),
                None,
            )
            if covering is None:
                continue
            held += 1
            i, excluded = covering
            if code.casefold() == excluded.casefold() and layers_said_apart(located_by, excluded_by):
                continue
            at_exclusion = excluded_at >= located_at  # the exclusion is the ad set's addition
            path = (
                (*excluded_by, "exclude", "locations", i) if at_exclusion else (*located_by, "locations", t)
            )
            finding = found.setdefault(path, _Finding(at_exclusion, excluded, excluded_by))
            if code not in finding.targeted:
                finding.targeted.append(code)
            finding.on_google |= google_as_unified and located_by == excluded_by == CAMPAIGN
            reported.append(finding)
        if held and held == len(located.locations):
            for finding in reported:
                if group.name not in finding.emptied:
                    finding.emptied.append(group.name)
    for path, finding in found.items():
        add(path, _message(finding))


def _message(finding: _Finding) -> str:
    emptied = ""
    if finding.emptied:
        names = ", ".join(repr(name) for name in finding.emptied)
        emptied = (
            f"; it leaves Meta's ad set {names} no place it targets, so it would deliver nothing"
            if len(finding.emptied) == 1
            else f"; it leaves Meta's ad sets {names} no place they target, so they would deliver nothing"
        )
    if finding.at_exclusion:
        google = (
            " (Google, which leaves an excluded radius out, would reach only people the spec excludes)"
            if finding.on_google
            else ""
        )
        return (
            f"location {finding.excluded!r} covers the targeted {', '.join(map(repr, finding.targeted))} "
            f"entirely: every place of it is excluded, so Meta reaches no one there{google}{emptied}; "
            "expected an excluded radius that leaves part of each targeted one, or the targeted radius "
            "removed"
        )
    [targeted] = finding.targeted
    owner = (
        "the campaign's targeting" if finding.excluded_by == CAMPAIGN else "Meta's override (meta.targeting)"
    )
    return (
        f"location {targeted!r} lies entirely inside {finding.excluded!r}, which {owner} excludes "
        f"(exclude.locations, inherited here), so Meta reaches no one there{emptied}; expected a radius "
        "reaching beyond the excluded one, or an exclude of this targeting's own"
    )
