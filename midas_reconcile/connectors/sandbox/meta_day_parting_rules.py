"""The simulator's rules of a Meta ad set's schedule (``adset_schedule``, ``pacing_type``), as believed of
Meta (``connectors.meta_day_parts``; not confirmed in Meta's current reference): a schedule runs only on an ad
set with a lifetime budget (its own, or its campaign's) and ``pacing_type`` ``["day_parting"]``, and each
DayPart names days 0–6 and whole hours of the day. Meta's own error codes for these are not known here: the
simulator answers Graph's generic invalid-parameter error (code 100) naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from midas_reconcile.connectors.meta_day_parts import DAY_PARTING, day_part_problem
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import META


def _error(message: str, field: str) -> PermanentError:
    return PermanentError(f"(#100) {message}", platform=META, code="100", field=field)


def check_day_parting(adset: Mapping[str, Any], campaign: Mapping[str, Any]) -> None:
    """Refuse an ad set's schedule Meta would refuse (module docstring)."""
    parts = adset.get("adset_schedule") or []
    pacing = adset.get("pacing_type") or []
    if not isinstance(parts, list) or not isinstance(pacing, list):
        raise _error("adset_schedule and pacing_type must be lists", "adset_schedule")
    if DAY_PARTING in pacing and not parts:
        raise _error("pacing_type day_parting needs an adset_schedule", "pacing_type")
    if not parts:
        return
    if DAY_PARTING not in pacing:
        raise _error("An ad set with an adset_schedule needs pacing_type ['day_parting']", "pacing_type")
    if adset.get("lifetime_budget") is None and campaign.get("lifetime_budget") is None:
        raise _error(
            "Ad scheduling is available only for ad sets with a lifetime budget (the ad set's or its "
            "campaign's); this one runs on a daily budget",
            "adset_schedule",
        )
    for part in parts:
        if not isinstance(part, Mapping) or (problem := day_part_problem(part)) is not None:
            raise _error(f"Invalid adset_schedule entry: {problem or 'expected an object'}", "adset_schedule")
