"""The simulator's rules of a bid adjustment on a Google campaign's place (v26 CampaignCriterion.bid_modifier
on a LOCATION or PROXIMITY criterion: ``spec._google_location_bids``).

* the modifier is 0.1–10.0 ("The modifier must be in the range: 0.1 - 10.0 … Use 0 to opt out of a Device
  type": 0 is a device's alone): range_error TOO_LOW / TOO_HIGH;
* an excluded place takes none (v26 CriterionError CANNOT_BID_MODIFY_NEGATIVE_CRITERION, "Cannot set bid
  modifier for a negative criterion").

Unset (None) is no adjustment: an update clearing it is taken.
"""

from __future__ import annotations

from typing import Any, Final

from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_bid_modifier_rules import check_modifier_range

#: The criterion kinds (the simulator's lower-case names) and types of a place.
PLACE_KINDS: Final = frozenset({"location", "proximity"})
PLACE_TYPES: Final = frozenset({"LOCATION", "PROXIMITY"})


def is_place(data: dict[str, Any]) -> bool:
    """Whether a criterion's stored ``data`` (or a create's) is a place's."""
    return data.get("type") in PLACE_TYPES or any(kind in data for kind in PLACE_KINDS)


def check_place_bid_modifier(data: dict[str, Any]) -> None:
    """A place's bid modifier, when it has one, is Google's range, and an excluded place has none."""
    modifier = data.get("bid_modifier")
    if modifier is None:
        return
    if data.get("negative"):
        raise OpError(
            "criterion_error.CANNOT_BID_MODIFY_NEGATIVE_CRITERION",
            "Cannot set bid modifier for a negative criterion.",
            "bid_modifier",
        )
    check_modifier_range(data)  # 0 opts out of a device alone
