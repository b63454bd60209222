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
from midas_reconcile.spec.models import (
    META_CAP_STRATEGIES,
    META_MIN_ROAS,
    AdGroup,
    CampaignSpec,
    adset_bid_strategy,
    adset_goal,
    campaign_bid_strategy,
    meta_adset_groups,
)

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
    """Every Meta ad set bids with one strategy, its ad group's ``meta.bid_strategy`` or else the campaign's,
    and only with ad set budgets may the two differ; each ad set of a cap strategy has its cap, of MIN_ROAS
    its floor (its own or the campaign's), and none has either otherwise."""
    if spec.platforms.meta is None:
        return
    campaign_strategy = campaign_bid_strategy(spec)
    groups = meta_adset_groups(spec)
    _check_own_strategies(add, spec, groups, campaign_strategy)
    strategies = {i: adset_bid_strategy(spec, g) for i, g in groups}
    _check_min_roas_goals(add, spec, groups, strategies)
    for name in ("bid_amount", "roas_floor"):
        takes = _TAKES[name]
        at_campaign = getattr(spec.meta, name)
        taking = [i for i, _ in groups if strategies[i] in takes]
        # Each owner: its path, its value, and why no ad set bids with it (None: one does).
        owners: list[tuple[PathKey, Decimal, str | None]] = []
        if at_campaign is not None:
            if taking:
                refusal = None
            elif campaign_strategy in takes:
                refusal = (
                    f"found meta.{name}, which no ad set bids with: every Meta ad group has a "
                    f"meta.bid_strategy of its own that takes none; expected no {name} on the campaign"
                )
            else:
                refusal = _refusal(name, campaign_strategy, "the campaign's")
            owners.append((("spec", "meta", name), at_campaign, refusal))
        for i, g in groups:
            if (value := getattr(g.meta, name)) is not None:
                whose = "the campaign's" if g.meta.bid_strategy is None else "its"
                refusal = None if i in taking else _refusal(name, strategies[i], whose)
                owners.append((_of_group(i, "meta", name), value, refusal))
        for path, value, refused in owners:
            if refused is not None:
                add(path, refused)
                continue
            found = money.decimal_places(value)
            places = money.currency_exponent(currency) if name == "bid_amount" else _ROAS_PLACES
            if found > places:
                unit = f"for {currency}" if name == "bid_amount" else "(Meta keeps a ROAS in ten-thousandths)"
                add(
                    path,
                    f"found {value:f}, which has {found} decimal places; expected at most {places} {unit}",
                )
        if at_campaign is not None:
            continue
        missing = [(i, g) for i, g in groups if i in taking and getattr(g.meta, name) is None]
        if missing and len(missing) == len(groups) and all(g.meta.bid_strategy is None for _, g in missing):
            add(
                ("spec", "meta", "bid_strategy"),
                f"found {campaign_strategy} without meta.{name}; expected meta.{name} "
                "on the campaign (or on every Meta ad group): Meta requires it of every ad set",
            )
            continue
        for i, g in missing:
            whose = "the campaign's" if g.meta.bid_strategy is None else "its"
            add(
                _of_group(i, "meta"),
                f"found no meta.{name} while {whose} meta.bid_strategy is {strategies[i]} and the "
                "campaign sets none; expected one here or on the campaign",
            )


def _of_group(index: int | None, *field: str) -> PathKey:
    """Where ad group ``index`` writes ``field``: a campaign naming no ad group (index None) runs one,
    whose settings are the campaign's."""
    return ("spec", *field) if index is None else ("spec", "ad_groups", index, *field)


def _refusal(name: str, strategy: str, whose: str) -> str:
    """Why a cap or floor (``name``) is refused beside ``whose`` bid strategy, which takes none."""
    return (
        f"found meta.{name}, which Meta takes only with {_EXPECTED[name]}; {whose} meta.bid_strategy is "
        f"{strategy}: expected no {name}, or {_EXPECTED[name]}"
    )


def _check_min_roas_goals(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    groups: list[tuple[int | None, AdGroup]],
    strategies: dict[int | None, str],
) -> None:
    """An ad set bidding for a minimum ROAS optimises for value: Meta's Bid Strategy guide has
    LOWEST_COST_WITH_MIN_ROAS as the "bidding option for value optimization" (optimization goal VALUE).
    Said at the ad group's own strategy, else once at the campaign's."""
    told_campaign = False
    for i, group in groups:
        goal = adset_goal(spec, group)
        if strategies[i] != META_MIN_ROAS or goal == _VALUE_GOAL:
            continue
        own = group.meta.bid_strategy is not None
        if not own and told_campaign:
            continue
        told_campaign = told_campaign or not own
        path: PathKey = _of_group(i if own else None, "meta", "bid_strategy")
        add(
            path,
            f"found {META_MIN_ROAS} for ad group {group.name!r}, which optimises for {goal}; expected "
            f"optimization_goal {_VALUE_GOAL} with it (Meta's bidding option for value optimization), or "
            "another bid strategy",
        )


#: The optimisation goal a minimum-ROAS bid takes.
_VALUE_GOAL: Final = "VALUE"
#: The strategies that take each bid field, and how an error names them.
_TAKES: Final = {"bid_amount": META_CAP_STRATEGIES, "roas_floor": frozenset({META_MIN_ROAS})}
_EXPECTED: Final = {
    "bid_amount": "bid_strategy COST_CAP or LOWEST_COST_WITH_BID_CAP",
    "roas_floor": f"bid_strategy {META_MIN_ROAS}",
}


def _check_own_strategies(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    groups: list[tuple[int | None, AdGroup]],
    campaign_strategy: str,
) -> None:
    """An ad group's own bid strategy other than the campaign's needs ad set budgets: Meta's Advantage
    campaign budget guide gives a campaign budget one ``bid_strategy``, the campaign's, with per ad set
    ``adset_bid_amounts`` only; whether its ad sets may each bid otherwise is not documented there."""
    if any(g.meta.budget is not None for _, g in groups):
        return
    for i, g in groups:
        own = g.meta.bid_strategy
        if own is not None and own != campaign_strategy:
            add(
                _of_group(i, "meta", "bid_strategy"),
                f"found {own} under a campaign budget, whose ad sets all bid with the campaign's "
                f"meta.bid_strategy, {campaign_strategy}; expected no meta.bid_strategy here (or "
                f"{campaign_strategy}), or ad set budgets (meta.budget on every Meta ad group)",
            )
