"""Checks of a campaign's Meta caps: its spending limit (``meta.spend_cap``), and its bid caps,
``meta.bid_amount`` and ``meta.roas_floor`` on the campaign and its ad groups, against its
``meta.bid_strategy``.

Meta's Bid Strategy guide: a cost cap is "the cost per action you set" and a bid cap "your specified
limit", both the ad set's ``bid_amount`` (the Marketing API's "Ads Buying and Optimization": bids are "at ad
account currencies minimum denomination level, such as cents for USD"); LOWEST_COST_WITH_MIN_ROAS "You must
specify a roas_average_floor" (the ad set's ``bid_constraints``; facebook-business
adcampaignbidconstraint.py: an int). A cap or floor under another strategy would be sent for nothing, or
refused: the spec says one only with its strategy.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Final

from midas_reconcile import money
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import META_CAP_STRATEGIES, META_MIN_ROAS, CampaignSpec

#: Meta's least campaign spending limit: "a minimum value of $100 USD (or approximate local equivalent)"
#: (Meta's Campaign reference, ``spend_cap``, as remembered: the pages the search tool holds do not quote it,
#: and the other currencies' equivalents are not given; unconfirmed). Checked for USD alone.
META_SPEND_CAP_MINIMUM: Final = {"USD": Decimal(100)}
#: Meta's ``roas_average_floor`` is the ROAS in ten-thousandths (an int): 2.5 is 25000. Believed, not
#: confirmed in Meta's pages the search tool holds: several public clients agree (one quotes "12300 = 123%").
_ROAS_PLACES: Final = 4
ROAS_FLOOR_SCALE: Final = 10**_ROAS_PLACES


def roas_average_floor(roas: Decimal) -> int:
    """Meta's ``roas_average_floor`` of a ROAS multiplier (the spec checks keep it to whole units)."""
    return int(roas * ROAS_FLOOR_SCALE)


def check_meta_spend_cap(add: Callable[[PathKey, str], None], spec: CampaignSpec, currency: str) -> None:
    """``meta.spend_cap`` is whole minor units of the budget's currency (Meta's ``spend_cap`` is an integer
    of them) and, in USD, at least Meta's minimum."""
    cap = spec.meta.spend_cap
    if cap is None or spec.platforms.meta is None:
        return
    path = ("spec", "meta", "spend_cap")
    places = money.currency_exponent(currency)
    if (found := money.decimal_places(cap)) > places:
        add(
            path, f"found {cap:f}, which has {found} decimal places; expected at most {places} for {currency}"
        )
    least = META_SPEND_CAP_MINIMUM.get(currency)
    if least is not None and cap < least:
        add(
            path,
            f"found {money.format_amount(cap, currency)}; expected at least "
            f"{money.format_amount(least, currency)}, Meta's least campaign spending limit",
        )


def check_meta_bids(add: Callable[[PathKey, str], None], spec: CampaignSpec, currency: str) -> None:
    """Every Meta ad set of a cap strategy has its cap, of MIN_ROAS its floor; none has either otherwise."""
    if spec.platforms.meta is None:
        return
    strategy = spec.meta.bid_strategy or "LOWEST_COST_WITHOUT_CAP"
    needs = {
        "bid_amount": strategy in META_CAP_STRATEGIES,
        "roas_floor": strategy == META_MIN_ROAS,
    }
    expected = {
        "bid_amount": "bid_strategy COST_CAP or LOWEST_COST_WITH_BID_CAP",
        "roas_floor": f"bid_strategy {META_MIN_ROAS}",
    }
    groups = [(i, g) for i, g in enumerate(spec.ad_groups) if g.platforms is None or "meta" in g.platforms]
    places = {"bid_amount": money.currency_exponent(currency), "roas_floor": _ROAS_PLACES}
    for name, needed in needs.items():
        at_campaign = getattr(spec.meta, name)
        owners: list[tuple[PathKey, Decimal]] = (
            [] if at_campaign is None else [(("spec", "meta", name), at_campaign)]
        )
        owners += [
            (("spec", "ad_groups", i, "meta", name), value)
            for i, g in groups
            if (value := getattr(g.meta, name)) is not None
        ]
        if not needed:
            for path, _ in owners:
                add(
                    path,
                    f"found meta.{name}, which Meta takes only with {expected[name]}; the campaign's "
                    f"meta.bid_strategy is {strategy}: expected no {name}, or {expected[name]}",
                )
            continue
        for path, value in owners:
            found = money.decimal_places(value)
            if found > places[name]:
                unit = f"for {currency}" if name == "bid_amount" else "(Meta keeps a ROAS in ten-thousandths)"
                add(
                    path,
                    f"found {value:f}, which has {found} decimal places; "
                    f"expected at most {places[name]} {unit}",
                )
        if at_campaign is not None:
            continue
        missing = [i for i, g in groups if getattr(g.meta, name) is None]
        if missing and len(missing) == len(groups):
            add(
                ("spec", "meta", "bid_strategy"),
                f"found {strategy} without meta.{name}; expected meta.{name} "
                "on the campaign (or on every Meta ad group): Meta requires it of every ad set",
            )
        else:
            for i in missing:
                add(
                    ("spec", "ad_groups", i, "meta"),
                    f"found no meta.{name} while the campaign's "
                    f"meta.bid_strategy is {strategy} and sets none; expected one here or on the campaign",
                )
