"""A Google bid modifier, of any kind MIDAS reads or writes: a device's, a place's and an ad schedule slot's
(v26 CampaignCriterion.bid_modifier), an ad group's device one (AdGroupBidModifier), and an ad group's that
it notes (AdGroupBidModifier of other kinds, AdGroupCriterion.bid_modifier). One representation, read,
compared and written the same way:

* In normalised fields a modifier is text (``modifier_text``): a plain decimal string of the significant
  digits its v26 field holds as sent. CampaignCriterion.bid_modifier is a 32-bit float: ``FLOAT_DIGITS``
  (1.2 reads back as 1.2000000476837158: ``"1.2"``; a console's 1.23456 reads as itself).
  AdGroupBidModifier.bid_modifier and AdGroupCriterion.bid_modifier are doubles, read to 7 significant
  digits (``DOUBLE_DIGITS``: a console's 1.000001 is an adjustment, 1.23456789 reads 1.234568) — not
  exactly, lest a double handed back through a 32-bit float (1.149999976158142 for 1.15: not observed, not
  ruled out) diff from the spec forever. The diff compares it by exact decimal value
  (``diff.KindRules.decimal_text``).
* Unset and 1.0 adjust nothing (``is_adjustment``): the read takes such a row as no modifier
  (``read_modifier``), and a spec's 1.0 compiles to none.
* Sent, it is a float (``native_modifier``); cleared, 1.0 (``RESET_MODIFIER``): Google's documented range
  ("0.1 - 10.0", v26 resources/campaign_criterion.py) holds 1.0, no adjustment. Whether an update with
  ``bid_modifier`` in its mask and no value clears it is not confirmed, so MIDAS never sends that.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from typing import Any, Final

#: No adjustment: Google's default, what a reset sets.
NO_ADJUSTMENT: Final = Decimal(1)
#: Google's range (v26 CampaignCriterion.bid_modifier "0.1 - 10.0"; 0 opts out of a device alone).
MIN_MODIFIER: Final = Decimal("0.1")
MAX_MODIFIER: Final = Decimal(10)
#: The decimal places a spec's modifier may have (a 32-bit float holds about 7 significant digits, 10.0 at
#: most).
DECIMAL_PLACES: Final = 4
_QUANTUM: Final = Decimal(1).scaleb(-DECIMAL_PLACES)
#: What clearing a modifier sends (no adjustment, in Google's range).
RESET_MODIFIER: Final = 1.0
#: The significant decimal digits a 32-bit float (v26 CampaignCriterion.bid_modifier) gives back as they were
#: sent (C's FLT_DIG): rounding a read to them drops the float's noise and nothing Google was sent.
FLOAT_DIGITS: Final = 6
#: The significant decimal digits a double modifier is read to (v26 AdGroupBidModifier.bid_modifier,
#: AdGroupCriterion.bid_modifier): one more than a float's, so a console's 1.000001 is told from 1.0, and few
#: enough that a 32-bit float's noise vanishes from every value a spec can write (at most ``DECIMAL_PLACES``
#: in 0–10: a float is off by under 5e-7 there, half of the 7th digit of a value of 1 or more).
DOUBLE_DIGITS: Final = 7


def modifier_text(value: Any, digits: int = FLOAT_DIGITS) -> str:
    """A modifier as the normalised fields hold it: a plain decimal string of the ``digits`` significant
    digits its field holds (``FLOAT_DIGITS``: ``0.8`` for 0.800000011920929, ``1.23456`` for a console's
    1.23456 — kept, so that an import names it rather than round it; ``DOUBLE_DIGITS`` for a double;
    ``0`` for 0.0)."""
    try:
        exact = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        return str(value)
    if not exact.is_finite():
        return str(value)
    return format(exact.normalize(Context(prec=digits, rounding=ROUND_HALF_EVEN)), "f")


def is_adjustment(value: Any, digits: int = FLOAT_DIGITS) -> bool:
    """Whether a live modifier (of a field holding ``digits``: ``modifier_text``) adjusts anything: unset
    (None) and 1.0 do not."""
    return value is not None and Decimal(modifier_text(value, digits)) != NO_ADJUSTMENT


def read_modifier(value: Any, digits: int = FLOAT_DIGITS) -> str | None:
    """A live row's modifier as normalised fields hold it (``modifier_text``), None when it adjusts nothing
    (``is_adjustment``)."""
    return modifier_text(value, digits) if is_adjustment(value, digits) else None


def too_precise(modifier: Decimal) -> bool:
    """Whether ``modifier`` has more than ``DECIMAL_PLACES`` decimal places."""
    return modifier != modifier.quantize(_QUANTUM)


def native_modifier(value: Any) -> float:
    """A normalised modifier as v26 takes it: a float; None (cleared) is ``RESET_MODIFIER``."""
    return RESET_MODIFIER if value is None else float(Decimal(str(value)))
