"""Meta's Advantage+ audience in an ad set's targeting spec (``targeting_automation``): the spec MIDAS sends,
and its canonical form (facts: ``spec._meta_advantage``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

#: The targeting field holding Advantage+ audience, and its flag (1 on, 0 off).
AUTOMATION_FIELD: Final = "targeting_automation"
ADVANTAGE_AUDIENCE: Final = "advantage_audience"


def targeting_automation(advantage_audience: bool) -> dict[str, int]:
    """The ``targeting_automation`` MIDAS sends: the flag stated either way, as Meta requires on create."""
    return {ADVANTAGE_AUDIENCE: int(advantage_audience)}


def canonical_automation(value: Any) -> dict[str, Any]:
    """``targeting_automation`` with the flag as the int 1 or 0 (Graph reads give ints; tests and old records
    may hold booleans or strings). Absent stays absent: the diff takes it as 0 (``diff.RULES``), as an ad set
    made before Meta required the flag runs without Advantage+ audience."""
    out = {str(k): v for k, v in dict(value or {}).items()}
    if ADVANTAGE_AUDIENCE in out:
        out[ADVANTAGE_AUDIENCE] = int(_flag(out[ADVANTAGE_AUDIENCE]))
    return out


def advantage_audience_of(targeting: Mapping[str, Any]) -> bool:
    """Whether a Meta ad set's targeting spec runs Advantage+ audience."""
    automation = targeting.get(AUTOMATION_FIELD)
    return isinstance(automation, Mapping) and _flag(automation.get(ADVANTAGE_AUDIENCE, 0))


def unexpressed_automation(targeting: Mapping[str, Any]) -> dict[str, Any]:
    """The ``targeting_automation`` settings beside the flag (``individual_setting``, ``shared_audiences`` …,
    which public clients send as ``{"age": 1, "gender": 1}`` and such), which MIDAS neither sends nor says."""
    automation = targeting.get(AUTOMATION_FIELD)
    if not isinstance(automation, Mapping):
        return {}
    return {
        str(k): v
        for k, v in sorted(automation.items())
        if k != ADVANTAGE_AUDIENCE and v not in (None, "", [], {}, 0)
    }


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true")
