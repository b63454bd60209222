"""The simulated Marketing API's rules for where an ad set places its ads: publisher platforms, positions by
platform and device platforms in its ``targeting`` (facts: ``spec._meta_placements``).

Meta's values are enforced as documented (the SDK's ``DevicePlatforms``; the Placement Targeting reference's
positions). That a platform's positions without the platform in ``publisher_platforms`` are refused is the
sandbox's own reading of "honoured only beside it" (whether Meta refuses or ignores them is unconfirmed), as
is the wording of each error. WhatsApp's Status is refused without Instagram's stories beside it, as Meta
documents ("Standalone Status campaigns are not supported"); the error's code and wording are the sandbox's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from midas_reconcile.targeting.meta_placements import (
    AGE_UNKNOWN_FIELD,
    DEVICES_FIELD,
    META_DEVICES,
    META_PLATFORMS,
    META_POSITIONS,
    PLATFORMS_FIELD,
    POSITION_FIELDS,
    in_whatsapp_status,
    positions_field,
    unplaced_positions,
)


class PlacementProblem(NamedTuple):
    """Why the API refuses an ad set's placements, and the targeting field at fault."""

    field: str
    message: str


def placement_problem(targeting: Mapping[str, Any]) -> PlacementProblem | None:
    """The first thing Meta refuses in ``targeting``'s placements (None: nothing)."""
    allowed = {PLATFORMS_FIELD: META_PLATFORMS, DEVICES_FIELD: META_DEVICES}
    allowed.update({key: META_POSITIONS[platform] for key, platform in POSITION_FIELDS.items()})
    for key, values in allowed.items():
        given = targeting.get(key)
        if given is None:
            continue
        if not isinstance(given, list) or not all(isinstance(v, str) for v in given):
            return PlacementProblem(f"targeting.{key}", f"Invalid parameter: {key} must be a list of strings")
        unknown = sorted(set(given) - set(values))
        if unknown:
            return PlacementProblem(
                f"targeting.{key}",
                f"Invalid parameter: {key} has {', '.join(unknown)}, which is not one of {', '.join(values)}",
            )
    for key, positions in unplaced_positions(targeting).items():
        return PlacementProblem(
            f"targeting.{key}",
            f"Invalid parameter: {key} {positions} needs {POSITION_FIELDS[key]} in {PLATFORMS_FIELD}",
        )
    return _whatsapp_alone(targeting)


def _whatsapp_alone(targeting: Mapping[str, Any]) -> PlacementProblem | None:
    """WhatsApp's Status placed without Instagram's stories (all of Instagram's positions include them)."""
    platforms = targeting.get(PLATFORMS_FIELD) or ()
    if "whatsapp" not in platforms:
        return None
    instagram = targeting.get(positions_field("instagram")) or ()
    if "instagram" in platforms and (not instagram or "story" in instagram):
        return None
    key = positions_field("whatsapp") if targeting.get(positions_field("whatsapp")) else PLATFORMS_FIELD
    return PlacementProblem(
        f"targeting.{key}",
        "Invalid parameter: WhatsApp Status is available only when Instagram Stories is also selected "
        "(instagram_positions: [story])",
    )


def settle_user_age_unknown(targeting: dict[str, Any]) -> None:
    """``user_age_unknown`` true where WhatsApp's Status is placed and the ad set sets none (Meta's v26.0
    default, ``targeting.meta_placements.AGE_UNKNOWN_FIELD``), on create and on each change of the targeting
    (the latter the sandbox's reading)."""
    if in_whatsapp_status(targeting) and targeting.get(AGE_UNKNOWN_FIELD) is None:
        targeting[AGE_UNKNOWN_FIELD] = True
