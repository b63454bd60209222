"""The simulated Marketing API's rules for where an ad set places its ads: publisher platforms, positions by
platform and device platforms in its ``targeting`` (facts: ``spec._meta_placements``).

Meta's values are enforced as documented (the SDK's ``DevicePlatforms``; the Placement Targeting reference's
positions). That a platform's positions without the platform in ``publisher_platforms`` are refused is the
sandbox's own reading of "honoured only beside it" (whether Meta refuses or ignores them is unconfirmed), as
is the wording of each error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from midas_reconcile.targeting.meta_placements import (
    DEVICES_FIELD,
    META_DEVICES,
    META_PLATFORMS,
    META_POSITIONS,
    PLATFORMS_FIELD,
    POSITION_FIELDS,
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
    return None
