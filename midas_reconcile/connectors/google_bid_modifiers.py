"""An ad group's bid modifiers (v26 AdGroupBidModifier): its device and booking ones read as resources, the
others noted.

An ad group's device bid modifiers are its ``google.device_bid_adjustments``
(``spec._google_ad_group_devices``), a Hotel ad group's by booking (``user_set_dates``,
``advance_booking_window``, ``length_of_booking``, ``start_day_of_week``, ``start_date_range``) its
``google.hotel_bid_adjustments`` (``spec._google_hotel_bookings``): each row that adjusts something is read as
an ``ad_group_bid_modifier`` resource at ``<ad group>/<key>`` (``device_modifiers``, ``modifier_key``). One of
a criterion MIDAS does not read (a newer API version's) the spec language cannot say: an import that did not
see it would drop it in silence, so each ad group holding any is noted (``Resource.warnings``), which an
import refuses by name, and MIDAS never writes them. The read takes all of them in one query per account
(``google_rows.READ_TYPES``; none when it holds no ad group). A modifier unset or 1.0 adjusts nothing and is
neither read nor noted (``spec._bid_modifiers.is_adjustment``), yet kept: what an adjustment of its key
updates (``unadjusted_devices``) and, a booking range's, what a new range overlapping it removes first
(``reset_ranges``); whether Google holds such rows unasked is not confirmed. The field is a double (v26
resources/ad_group_bid_modifier.py: ``proto.DOUBLE``), read to 7 significant digits (``DOUBLE_DIGITS``: a
console's 1.000001 is an adjustment; a 32-bit float's noise is dropped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from midas_reconcile.spec._bid_modifiers import DOUBLE_DIGITS, is_adjustment, modifier_text
from midas_reconcile.spec._google_devices import device_fields, device_key
from midas_reconcile.spec._google_hotel_bookings import booking_fields, booking_key, range_of

#: How a read's note named each booking criterion before MIDAS read them as resources
#: (``spec._google_hotel_bookings``): what a snapshot taken then may still say (``notes_now``).
_NOTED_BOOKINGS: Final = (
    "booking start day ",
    "user-set dates ",
    "advance booking window ",
    "length of booking ",
    "booking start date range ",
)
_NOTE_HEAD: Final = "has bid modifiers at ad group level ("
_NOTE_TAIL: Final = "), which MIDAS does not manage"
#: What a restore tells of the booking modifiers such a snapshot noted (``notes_now``).
PREDATES: Final = (
    "the snapshot predates MIDAS managing Hotel booking bid modifiers and noted {} alone (not which day, "
    "range or dates): not restored"
)


def _group_of(row: Mapping[str, Any]) -> str:
    return str(row.get("ad_group") or "").rsplit("/", 1)[-1]


def modifier_fields(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The normalised fields of an ad group bid modifier row MIDAS reads as a resource (a device's,
    ``spec._google_devices.device_fields``; a Hotel booking one's, ``spec._google_hotel_bookings``); None for
    one that adjusts nothing or of a criterion MIDAS does not read."""
    if not is_adjustment(row.get("bid_modifier"), DOUBLE_DIGITS):
        return None
    if (row.get("device") or {}).get("type"):
        return device_fields(row, DOUBLE_DIGITS)
    return booking_fields(row, DOUBLE_DIGITS)


def modifier_key(fields: Mapping[str, Any]) -> str:
    """The address key, under its ad group, of a modifier of ``modifier_fields``."""
    return device_key(str(fields["device"])) if fields.get("device") else booking_key(fields)


def device_modifiers(
    rows: Iterable[Mapping[str, Any]], groups: Mapping[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(ad group id, modifier id ``{ad group id}~{criterion id}``, normalised fields) of each device or Hotel
    booking bid modifier of an ad group of ``groups`` (the ad groups read, by id) that adjusts something."""
    out = []
    for row in rows:
        group = _group_of(row)
        if group not in groups:
            continue
        fields = modifier_fields(row)
        if fields is not None:
            out.append((group, str(row["resource_name"]).rsplit("/", 1)[-1], fields))
    return out


def unadjusted_devices(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(ad group id, address key: ``modifier_key``) → resource name of each device or booking bid modifier
    among ``rows`` that adjusts nothing (unset or 1.0, read as none: a console's reset): what an adjustment of
    it updates, as creating it again would be refused (RESOURCE_ALREADY_EXISTS)."""
    return {
        (_group_of(row), modifier_key(fields)): str(row["resource_name"]) for row, fields in _unadjusted(rows)
    }


def _unadjusted(rows: Iterable[Mapping[str, Any]]) -> Iterable[tuple[Mapping[str, Any], dict[str, Any]]]:
    """(row, its criterion's normalised fields without a modifier) of each row among ``rows`` of a criterion
    MIDAS reads (``modifier_fields``) that adjusts nothing."""
    for row in rows:
        if is_adjustment(row.get("bid_modifier"), DOUBLE_DIGITS):
            continue
        fields = modifier_fields({**row, "bid_modifier": 2.0})  # its criterion alone: the modifier is moot
        if fields is not None:
            fields.pop("bid_modifier", None)
            yield row, fields


def reset_ranges(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[dict[str, Any], str]]]:
    """Ad group id → (normalised fields, resource name) of each Hotel booking range modifier (length of
    stay, advance booking window, check-in dates) among ``rows`` that adjusts nothing (a console's reset to
    1.0, read as none). Google keeps such a row, and refuses a new range of its kind overlapping it
    (``..._OVERLAPS_WITH_EXISTING_CRITERION``): a new one removes it first
    (``GoogleBackend._clear_reset_ranges``)."""
    out: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for row, fields in _unadjusted(rows):
        if not fields.get("device") and range_of(fields) is not None:
            out.setdefault(_group_of(row), []).append((fields, str(row["resource_name"])))
    return out


def bid_modifier_notes(rows: Iterable[Mapping[str, Any]], groups: Mapping[str, str]) -> dict[str, list[str]]:
    """The notes on each ad group (by id, of ``groups``: the ad groups read) holding bid modifiers of other
    kinds than a device's (read as resources: ``device_modifiers``) that adjust something."""
    others: dict[str, list[str]] = {}
    for row in rows:
        group = _group_of(row)
        if group not in groups or not is_adjustment(row.get("bid_modifier"), DOUBLE_DIGITS):
            continue
        if modifier_fields(row) is not None:  # read as a resource
            continue
        what = f"criterion {row.get('criterion_id', '?')}"
        others.setdefault(group, []).append(f"{what} {modifier_text(row['bid_modifier'], DOUBLE_DIGITS)}")
    return {group: [f"{_NOTE_HEAD}{', '.join(sorted(said))}{_NOTE_TAIL}"] for group, said in others.items()}


def notes_now(notes: Iterable[str]) -> tuple[str, ...]:
    """An ad group's stored notes (a snapshot's ``Resource.warnings``) as a restore tells them now: the
    booking modifiers a read before MIDAS managed them noted as not managed (``_NOTED_BOOKINGS``) are MIDAS's
    now, yet such a snapshot holds them in that note alone, naming no day, range or dates (a restore cannot
    set them), so they leave it for a note of their own saying they are not restored (``PREDATES``: a
    restore that kept silent would leave a console's later value as if restored); the note goes when nothing
    else is left in it, and any other note is kept as it is."""
    out = []
    for note in notes:
        if not (note.startswith(_NOTE_HEAD) and note.endswith(_NOTE_TAIL)):
            out.append(note)
            continue
        said = note[len(_NOTE_HEAD) : -len(_NOTE_TAIL)].split(", ")
        kept = [item for item in said if not item.startswith(_NOTED_BOOKINGS)]
        bookings = [item for item in said if item.startswith(_NOTED_BOOKINGS)]
        if kept:
            out.append(f"{_NOTE_HEAD}{', '.join(kept)}{_NOTE_TAIL}")
        if bookings:
            out.append(PREDATES.format(", ".join(bookings)))
    return tuple(out)


def predates_bookings(note: str) -> bool:
    """Whether ``note`` is ``notes_now``'s of booking modifiers a snapshot noted alone (``PREDATES``)."""
    return note.startswith(PREDATES.split("{}", 1)[0])
