"""An ad group's bid modifiers (v26 AdGroupBidModifier): its device ones read as resources, the others noted.

An ad group's device bid modifiers are its ``google.device_bid_adjustments``
(``spec._google_ad_group_devices``): each device row that adjusts something is read as an
``ad_group_bid_modifier`` resource at ``<ad group>/device:<TYPE>`` (``device_modifiers``). A Hotel ad group's
by booking (``user_set_dates``, ``advance_booking_window``, ``length_of_booking``, ``start_day_of_week``,
``start_date_range``) the spec language cannot say: an import that did not see them would drop them in
silence, so each ad group holding any is noted (``Resource.warnings``), which an import refuses by name, and
MIDAS never writes them. The read takes all of them in one query per account (``google_rows.READ_TYPES``;
none when it holds no ad group). A modifier unset or 1.0 adjusts nothing and is neither read nor noted
(``spec._bid_modifiers.is_adjustment``): whether Google holds such rows unasked is not confirmed. The field is
a double (v26 resources/ad_group_bid_modifier.py: ``proto.DOUBLE``), read to 7 significant digits
(``DOUBLE_DIGITS``: a console's 1.000001 is an adjustment; a 32-bit float's noise is dropped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from midas_reconcile.spec._bid_modifiers import DOUBLE_DIGITS, is_adjustment, modifier_text
from midas_reconcile.spec._google_devices import device_fields

#: The v26 AdGroupBidModifier criteria other than ``device``, by how a note names them.
_OTHER_KINDS: Final = {
    "start_day_of_week": "booking start day",
    "user_set_dates": "user-set dates",
    "advance_booking_window": "advance booking window",
    "length_of_booking": "length of booking",
    "start_date_range": "booking start date range",
}


def _group_of(row: Mapping[str, Any]) -> str:
    return str(row.get("ad_group") or "").rsplit("/", 1)[-1]


def device_modifiers(
    rows: Iterable[Mapping[str, Any]], groups: Mapping[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(ad group id, modifier id ``{ad group id}~{criterion id}``, normalised fields) of each device bid
    modifier of an ad group of ``groups`` (the ad groups read, by id) that adjusts something."""
    out = []
    for row in rows:
        group = _group_of(row)
        if group not in groups or not (row.get("device") or {}).get("type"):
            continue
        fields = device_fields(row, DOUBLE_DIGITS)
        if fields is not None:
            out.append((group, str(row["resource_name"]).rsplit("/", 1)[-1], fields))
    return out


def unadjusted_devices(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(ad group id, device type) → resource name of each device bid modifier among ``rows`` that adjusts
    nothing (unset or 1.0, read as none: a console's reset): what an adjustment of that device updates, as
    creating it again would be refused (RESOURCE_ALREADY_EXISTS)."""
    return {
        (_group_of(row), str(device)): str(row["resource_name"])
        for row in rows
        if (device := (row.get("device") or {}).get("type"))
        and not is_adjustment(row.get("bid_modifier"), DOUBLE_DIGITS)
    }


def bid_modifier_notes(rows: Iterable[Mapping[str, Any]], groups: Mapping[str, str]) -> dict[str, list[str]]:
    """The notes on each ad group (by id, of ``groups``: the ad groups read) holding bid modifiers of other
    kinds than a device's (read as resources: ``device_modifiers``) that adjust something."""
    others: dict[str, list[str]] = {}
    for row in rows:
        group = _group_of(row)
        if group not in groups or (row.get("device") or {}).get("type"):
            continue
        if not is_adjustment(row.get("bid_modifier"), DOUBLE_DIGITS):
            continue
        kind = next((name for key, name in _OTHER_KINDS.items() if row.get(key) is not None), None)
        what = kind or f"criterion {row.get('criterion_id', '?')}"
        others.setdefault(group, []).append(f"{what} {modifier_text(row['bid_modifier'], DOUBLE_DIGITS)}")
    return {
        group: [
            f"has bid modifiers at ad group level ({', '.join(sorted(said))}), which MIDAS does not manage"
        ]
        for group, said in others.items()
    }
