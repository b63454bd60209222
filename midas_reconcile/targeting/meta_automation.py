"""Meta's Advantage+ audience in an ad set's targeting spec (``targeting_automation``): the spec MIDAS sends,
and its canonical form (facts: ``spec._meta_advantage``).

``individual_setting`` (checked 2026-11 with the search tool; facebook-business 26.0.3): the SDK types it a
bare ``Object`` (adobjects/targetingautomation.py) with no fields of its own. Public Marketing API clients
send it as 0/1 flags keyed ``age``, ``gender`` and ``geo`` (``{"age": 1, "gender": 1}`` the most common),
beside ``advantage_audience`` 1 *and* 0, and a public index of read ad sets holds ``age`` and ``gender`` as
integers.
Meta's pages the search tool holds never name the field: its 2025-06-13 blog post speaks of "individual
relaxation settings for Age, Gender, Custom Audience Inclusion, and Detailed Targeting Inclusion" without a
wire shape or values, and its Advantage+ audience reference calls location a constraint that is never
expanded, while clients send ``geo``. What 1 and 0 mean for each key (a suggestion Meta may go beyond, or a
limit), and what they mean with Advantage+ audience off, is therefore not grounded: MIDAS neither sends nor
imports it, and import refuses it by name (``unexpressed_automation_problem``).
"""

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


#: Advantage+ audience's per-setting choices, which MIDAS refuses to guess the meaning of (module docstring).
INDIVIDUAL_SETTING: Final = "individual_setting"


def unexpressed_automation_problem(key: str, value: Any) -> str:
    """Why import cannot write ``targeting_automation.<key>`` (an ``unexpressed_automation`` entry) and what
    to do about it, to follow "<the ad set> has "."""
    if key == INDIVIDUAL_SETTING:
        return (
            f"targeting_automation.individual_setting {value!r}, which the spec language cannot express: "
            "Meta's Marketing API reference does not say what its flags mean (whether 1 makes the age or "
            "gender a suggestion Meta may go beyond, or keeps it a limit, and what they do with Advantage+ "
            "audience off), so MIDAS will not guess one (meta.advantage_audience is the advantage_audience "
            "flag alone). To import the campaign, take individual_setting out of the ad set's "
            "targeting_automation (this may change whom it reaches), or leave the campaign unmanaged"
        )
    return (
        f"targeting_automation.{key} {value!r}, which the spec language cannot express "
        "(meta.advantage_audience is its advantage_audience alone)"
    )


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true")
