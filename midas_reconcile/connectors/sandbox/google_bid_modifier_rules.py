"""The simulator's one range rule for a Google bid modifier (a device's, a place's or an ad schedule slot's
CampaignCriterion.bid_modifier, an ad group's AdGroupBidModifier): v26 "The modifier must be in the range:
0.1 - 10.0 … Use 0 to opt out of a Device type" — range_error TOO_LOW / TOO_HIGH; a value that is no number,
field_error INVALID_VALUE. Unset (None) is no adjustment. The bounds take a 32-bit float's slack: 0.1 arrives
over the wire as 0.10000000149011612.
"""

from __future__ import annotations

from typing import Any, Final

from midas_reconcile.connectors.google_schema import OpError

_LOW, _HIGH, _SLACK = 0.1, 10.0, 1e-6
_FIELD: Final = "bid_modifier"


def check_modifier_range(data: dict[str, Any], *, opt_out: bool = False) -> None:
    """``data``'s bid modifier, when it has one, is a number from 0.1 to 10.0, or 0 where ``opt_out`` (a
    device's: no ads on it)."""
    modifier = data.get(_FIELD)
    if modifier is None:
        return
    if not isinstance(modifier, int | float) or isinstance(modifier, bool):
        raise OpError("field_error.INVALID_VALUE", "bid_modifier must be a number", _FIELD)
    value = float(modifier)
    if opt_out and value == 0:
        return
    allowed = "0 (opt out) or 0.1 to 10.0" if opt_out else "0.1 to 10.0"
    if value < _LOW - _SLACK:
        raise OpError("range_error.TOO_LOW", f"bid_modifier {value} is too low: {allowed}", _FIELD)
    if value > _HIGH + _SLACK:
        raise OpError("range_error.TOO_HIGH", f"bid_modifier {value} is too high: {allowed}", _FIELD)
