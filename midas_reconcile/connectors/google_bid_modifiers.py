"""An ad group's bid modifiers (v26 AdGroupBidModifier), read to be named, never written.

The spec language says a campaign's device bid adjustments (``google.device_bid_adjustments``) and no ad
group's: an ad group's device bid modifiers, and a Hotel ad group's by booking (``user_set_dates``,
``advance_booking_window``, ``length_of_booking``, ``start_day_of_week``, ``start_date_range``), would be
silently dropped by an import that did not see them. The read takes them in one query per account
(``google_rows.READ_TYPES``; none when it holds no ad group) and notes each ad group holding any
(``Resource.warnings``), which an import refuses by name. A modifier unset or 1.0 adjusts nothing and is not
noted (``spec._bid_modifiers.is_adjustment``): whether Google holds such rows unasked is not confirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from midas_reconcile.spec._bid_modifiers import is_adjustment, modifier_text

#: The v26 AdGroupBidModifier criteria other than ``device``, by how a note names them.
_OTHER_KINDS: Final = {
    "start_day_of_week": "booking start day",
    "user_set_dates": "user-set dates",
    "advance_booking_window": "advance booking window",
    "length_of_booking": "length of booking",
    "start_date_range": "booking start date range",
}


def bid_modifier_notes(rows: Iterable[Mapping[str, Any]], groups: Mapping[str, str]) -> dict[str, list[str]]:
    """The notes on each ad group (by id, of ``groups``: the ad groups read) holding bid modifiers that adjust
    something: its device ones, named with their modifiers, and those of other kinds."""
    devices: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    for row in rows:
        group = str(row.get("ad_group") or "").rsplit("/", 1)[-1]
        if group not in groups or not is_adjustment(row.get("bid_modifier")):
            continue
        modifier = modifier_text(row["bid_modifier"])
        if device := (row.get("device") or {}).get("type"):
            devices.setdefault(group, []).append(f"{device} {modifier}")
            continue
        kind = next((name for key, name in _OTHER_KINDS.items() if row.get(key) is not None), None)
        what = kind or f"criterion {row.get('criterion_id', '?')}"
        others.setdefault(group, []).append(f"{what} {modifier}")
    notes: dict[str, list[str]] = {}
    for group, said in devices.items():
        notes.setdefault(group, []).append(
            f"has device bid modifiers at ad group level ({', '.join(sorted(said))}), which the spec "
            "language cannot say (it says a campaign's: google.device_bid_adjustments)"
        )
    for group, said in others.items():
        notes.setdefault(group, []).append(
            f"has bid modifiers at ad group level ({', '.join(sorted(said))}), which MIDAS does not manage"
        )
    return notes
