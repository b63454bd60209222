"""A Google campaign's location bid adjustments (``google.location_bid_adjustments``): rules, compile, read,
import.

The spec writes a multiplier per targeted place, keyed by the exact entry of the campaign's Google
locations (``targeting.locations``, or ``google.targeting``'s): ``{"US-NY": 1.2, "25 mi around Austin,
US-TX": 0.9}``. Each is the ``bid_modifier`` of that place's LOCATION or PROXIMITY campaign criterion, the
criterion MIDAS already writes for the place: an adjustment is a field of it, changed in place (v26
CampaignCriterion.bid_modifier is mutable), never a new criterion.

Confirmed in google-ads v26 (resources/campaign_criterion.py): the modifier "must be in the range: 0.1 - 10.0
… Use 0 to opt out of a Device type" — 0 is a device's alone; a place nobody should see ads in is excluded
(``targeting.exclude.locations``). Google's CriterionBidModifier (location, keyword plan ideas) says of its
modifier "If set, this value cannot be 0". The field is a 32-bit float (1.2 reads back as 1.2000000476837158),
read, compared and written as every bid modifier is (``spec._bid_modifiers``); cleared, 1.0 is sent.

Not confirmed, and how MIDAS acts meanwhile:

* Which channels take location bid adjustments: Search, Display and Shopping campaigns are held to take them
  (their console's location bid adjustments). A Demand Gen campaign's places are its ad groups' criteria
  (v26 upgraded targeting), a Performance Max, Hotel or app campaign's are not known to take adjustments:
  all are refused at the spec line, and import names any it finds.
* Whether Google refuses a modifier on an excluded place: MIDAS never writes one (the spec keys targeted
  places only) and the sandbox refuses it.
* Whether a Demand Gen ad group's place takes a modifier: v26 AdGroupCriterion.bid_modifier says only "Most
  targetable criteria types support modifiers", and Google's Demand Gen docs (DemandGenCampaignSettings
  ``upgraded_targeting``: "location and language targeting at the ad group level") speak of targeting, not
  of bid adjustments (searched; nothing from Google either way). So the spec language says none there
  (``ad_groups[].google`` takes no ``location_bid_adjustments``). An ad group's place with a console's
  modifier is read and left alone (``left_alone.unheld_modifiers``), and import refuses the campaign naming
  it and why (``ad_group_adjustments_problem``).

A console's modifier on a campaign's place is left alone (not compared, not cleared, no drift) while the
spec names no ``location_bid_adjustments`` (``names_places``, the campaign's ``Resource.named_types``) and
MIDAS did not set it: before location bid adjustments, MIDAS never read it, and an upgrade must not clear it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from midas_reconcile.spec._bid_modifiers import (
    DECIMAL_PLACES,
    DOUBLE_DIGITS,
    FLOAT_DIGITS,
    MAX_MODIFIER,
    MIN_MODIFIER,
    NO_ADJUSTMENT,
    modifier_text,
    read_modifier,
    too_precise,
)
from midas_reconcile.spec._places import canonical_location
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, Objective, platform_targeting

if TYPE_CHECKING:  # the targeting package imports the spec's
    from midas_reconcile.targeting.model import GoogleTargeting

Add = Callable[[PathKey, str], None]

#: The criterion types a place's adjustment sits on (a place by geo target constant, a radius).
PLACE_TYPES: Final = frozenset({"LOCATION", "PROXIMITY"})
#: The channels whose campaigns take none (module docstring: not confirmed that they do).
NO_LOCATION_BIDS: Final = ("demand_gen", "performance_max", "hotel")
OPTION: Final = ("spec", "google", "location_bid_adjustments")
#: What a campaign's ``Resource.named_types`` holds when its spec names any location bid adjustment (1.0 too):
#: then its places' modifiers are MIDAS's, else a console's are left alone (``left_alone.unheld_modifiers``).
#: No criterion type: a marker beside them.
PLACE_MODIFIERS: Final = "PLACE_BID_MODIFIER"


class Clash(NamedTuple):
    """An adjusted entry (the key as written) whose place another adjusted entry names too, and why."""

    entry: str
    message: str


def check_google_location_bids(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.location_bid_adjustments``, at the offending entry."""
    adjustments = spec.google.location_bid_adjustments
    if not adjustments:
        return
    channel = spec.google.channel
    if spec.objective == Objective.APP_PROMOTION or channel in NO_LOCATION_BIDS:
        kind = "an app" if spec.objective == Objective.APP_PROMOTION else f"a {_channel_name(channel)}"
        add(
            OPTION,
            f"found location_bid_adjustments; {kind} campaign is not known to take location bid adjustments "
            "(Search, Display and Shopping campaigns do): expected none",
        )
        return
    targeted = {canonical_location(c): c for c in platform_targeting(spec, "google").locations}
    seen: dict[str, str] = {}
    for entry, modifier in adjustments.items():
        path = (*OPTION, entry)
        first = seen.setdefault(canonical_location(entry), entry)
        if first != entry:
            add(
                path,
                f"found {entry!r}, which names the same place as {first!r}: expected one of the two alone",
            )
        elif canonical_location(entry) not in targeted:
            listed = ", ".join(repr(c) for c in targeted.values()) or "none"
            add(
                path,
                f"found {entry!r}, which is not one of the places the campaign targets on Google; expected "
                f"one of its locations, as written there: {listed}",
            )
        elif modifier == 0:
            add(
                path,
                "found 0; Google takes 0 for a device alone: exclude the place instead "
                "(targeting.exclude.locations), or expected from 0.1 to 10",
            )
        elif not MIN_MODIFIER <= modifier <= MAX_MODIFIER:
            add(path, f"found {modifier}; expected from {MIN_MODIFIER} to {MAX_MODIFIER}")
        elif too_precise(modifier):
            add(path, f"found {modifier}; expected at most {DECIMAL_PLACES} decimal places")


def _channel_name(channel: str | None) -> str:
    return {"hotel": "Hotel", "performance_max": "Performance Max", "demand_gen": "Demand Gen"}.get(
        str(channel), str(channel)
    )


def location_modifiers(spec: CampaignSpec) -> dict[str, tuple[str, str]]:
    """The canonical entry → (the key as written, modifier text) of each place the spec names, at 1.0 too
    (no adjustment, which ``with_location_bids`` writes as none but checks for clashes)."""
    return {
        canonical_location(entry): (entry, modifier_text(modifier))
        for entry, modifier in spec.google.location_bid_adjustments.items()
    }


def names_places(spec: CampaignSpec) -> tuple[str, ...]:
    """``(PLACE_MODIFIERS,)`` when the spec names any location bid adjustment, at 1.0 too
    (``Resource.named_types``), else ``()``."""
    return (PLACE_MODIFIERS,) if spec.google.location_bid_adjustments else ()


def with_location_bids(spec: CampaignSpec, mapped: GoogleTargeting) -> tuple[GoogleTargeting, list[Clash]]:
    """``mapped`` with each adjusted place's ``bid_modifier`` on its targeted LOCATION or PROXIMITY
    criterion (its ``sources`` are the entries it was mapped from), and a clash for each entry adjusting
    another way a place another entry adjusts (two spellings of one place are one criterion: one modifier)."""
    modifiers = location_modifiers(spec)
    if not modifiers:
        return mapped, []
    criteria = []
    clashes: list[Clash] = []
    for criterion in mapped.criteria:
        fields = criterion.fields
        said = [
            modifiers[c] for c in dict.fromkeys(map(canonical_location, criterion.sources)) if c in modifiers
        ]
        if said and fields.get("type") in PLACE_TYPES and not fields.get("negative"):
            (first, modifier), *others = said
            clashes.extend(
                Clash(
                    entry,
                    f"found {other}, for the place {first!r} is adjusted by {modifier} (one Google "
                    "criterion, one modifier); expected the same modifier, or one of the two alone",
                )
                for entry, other in others
                if other != modifier
            )
            if Decimal(modifier) != NO_ADJUSTMENT:  # 1.0: Google's default, what the read sees as none
                criterion = replace(criterion, fields={**fields, "bid_modifier": modifier})
        criteria.append(criterion)
    return replace(mapped, criteria=criteria), clashes


def place_modifier(row: Mapping[str, Any], *, ad_group_level: bool = False) -> dict[str, str]:
    """The normalised ``bid_modifier`` of a live LOCATION or PROXIMITY criterion row: none when unset or 1.0
    (no adjustment), else as every bid modifier reads (``spec._bid_modifiers``): a campaign criterion's as
    the 32-bit float it is, an ad group criterion's (``ad_group_level``) as a double (``DOUBLE_DIGITS``)."""
    digits = DOUBLE_DIGITS if ad_group_level else FLOAT_DIGITS
    text = None if row.get("negative") else read_modifier(row.get("bid_modifier"), digits)
    return {} if text is None else {"bid_modifier": text}


def location_adjustments_from(
    criteria: Iterable[Mapping[str, Any]], entry_of: Callable[[Mapping[str, Any]], str | None], channel: str
) -> tuple[dict[str, Decimal], list[str]]:
    """The ``google.location_bid_adjustments`` of a live campaign of ``google.channel`` ``channel`` (``app``
    for an app campaign) from its place criteria (``entry_of`` their spec entry, None when the spec language
    writes none), and a problem for each adjustment the spec cannot say (``check_google_location_bids``'
    rules, so that what imports also validates)."""
    out: dict[str, Decimal] = {}
    problems: list[str] = []
    for fields in criteria:
        if fields.get("type") not in PLACE_TYPES or fields.get("bid_modifier") is None:
            continue
        modifier = Decimal(str(fields["bid_modifier"]))
        entry = entry_of(fields)
        if entry is None:
            problems.append(
                f"adjusts its bids by {modifier} on a place the spec language cannot name "
                f"({_describe(fields)})"
            )
            continue
        out[entry] = modifier
    if not out:
        return {}, problems
    said = ", ".join(f"{entry} {modifier}" for entry, modifier in sorted(out.items()))
    if channel == "app" or channel in NO_LOCATION_BIDS:
        kind = "an app" if channel == "app" else f"a {_channel_name(channel)}"
        return {}, [
            *problems,
            f"has location bid adjustments ({said}), which the spec language cannot say for {kind} campaign",
        ]
    bad = [
        f"{entry} {m}"
        for entry, m in sorted(out.items())
        if too_precise(m) or not MIN_MODIFIER <= m <= MAX_MODIFIER
    ]
    if bad:
        problems.append(
            f"has location bid adjustments the spec language cannot say (0.1–10, at most "
            f"{DECIMAL_PLACES} decimal places): {', '.join(bad)}"
        )
    return dict(sorted(out.items())), problems


def ad_group_adjustments_problem(label: str, places: Iterable[str], *, demand_gen: bool) -> str:
    """Why import refuses the ad group ``label`` whose places (``places``: "US 1.3") carry a console's bid
    adjustments: the spec language says none at ad group level (for a Demand Gen ad group, as Google's
    documentation does not confirm it takes one: module docstring)."""
    said = f"{label} has location bid adjustments at ad group level ({', '.join(places)}), which the spec "
    if not demand_gen:
        return said + "language cannot say (it says a campaign's: google.location_bid_adjustments)"
    return said + (
        "language cannot say: Google's documentation does not confirm that a Demand Gen ad group's place "
        "takes a bid adjustment (v26 AdGroupCriterion.bid_modifier says only that most targetable criteria "
        "types do), so MIDAS names none there, nor google.location_bid_adjustments on a Demand Gen campaign; "
        "to import the campaign, remove the adjustment in Google Ads (MIDAS leaves it alone meanwhile)"
    )


def _describe(fields: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(fields.items()) if k not in ("type", "bid_modifier"))


def google_location_bids_attention(spec: CampaignSpec) -> list[str]:
    """What ``midas mirror --to meta`` says of the campaign's location bid adjustments: they stay Google's
    (Meta bids no differently per place)."""
    adjustments = spec.google.location_bid_adjustments
    if not adjustments:
        return []
    said = ", ".join(f"{entry!r} {modifier}" for entry, modifier in adjustments.items())
    return [
        f"the campaign's google.location_bid_adjustments ({said}) apply on Google only (Meta bids no "
        "differently per place)"
    ]
