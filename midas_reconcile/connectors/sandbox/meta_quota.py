"""Meta's ads-management business-use-case (BUC) rate limit, per ad account, on the world's clock.

The budget per rolling hour is ``meta_calls_per_hour + meta_calls_per_active_ad × active ads`` calls
(each request inside a batch is one call), with a matching budget of simulated server time. Usage
decays linearly over the hour. A call that would exceed either budget is refused with
``TransientError(code="80004", retry_after=…)``; ``usage`` gives the percentages the Graph API sends
in ``x-business-use-case-usage``.
"""

from __future__ import annotations

from typing import Any

from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.connectors.sandbox.storage import Txn
from midas_reconcile.errors import TransientError
from midas_reconcile.resources import META


def call_budget(txn: Txn, limits: SandboxLimits, account: str) -> float:
    """Calls allowed per hour for the account right now."""
    ads = txn.count(META, account, "ad", status="ACTIVE")
    return float(limits.meta_calls_per_hour + limits.meta_calls_per_active_ad * ads)


def _decayed(txn: Txn, key: str, budget: float) -> float:
    state = txn.level(key)
    if state is None:
        return 0.0
    level, updated = state
    return max(0.0, level - budget * max(0.0, txn.now - updated) / 3600)


def admit(txn: Txn, limits: SandboxLimits, account: str, calls: int, latency_s: float) -> None:
    """Charge ``calls`` to the account, or raise the 80004 throttling error (nothing charged)."""
    budget = call_budget(txn, limits, account)
    time_budget = budget * limits.meta_seconds_per_call
    used = _decayed(txn, f"meta:{account}:calls", budget)
    spent = _decayed(txn, f"meta:{account}:time", time_budget)
    cost = calls * limits.meta_seconds_per_call + latency_s
    excess = max((used + calls - budget) / budget, (spent + cost - time_budget) / time_budget)
    if excess > 0:
        wait = excess * 3600
        raise TransientError(
            "(#80004) There have been too many calls to this ad-account. Wait a bit and try again "
            f"(estimated time to regain access: {wait / 60:.0f} min)",
            platform=META,
            code="80004",
            retry_after=wait,
        )
    txn.set_level(f"meta:{account}:calls", used + calls, txn.now)
    txn.set_level(f"meta:{account}:time", spent + cost, txn.now)


def usage(txn: Txn, limits: SandboxLimits, account: str) -> dict[str, Any]:
    """The account's ``x-business-use-case-usage`` entry: percentages and minutes to regain access."""
    budget = call_budget(txn, limits, account)
    time_budget = budget * limits.meta_seconds_per_call
    calls = _decayed(txn, f"meta:{account}:calls", budget)
    spent = _decayed(txn, f"meta:{account}:time", time_budget)
    excess = max((calls - budget) / budget, (spent - time_budget) / time_budget, 0.0)
    return {
        "type": "ads_management",
        "call_count": min(100, round(100 * calls / budget)),
        "total_cputime": min(100, round(60 * spent / time_budget)),
        "total_time": min(100, round(100 * spent / time_budget)),
        "estimated_time_to_regain_access": round(excess * 60),
    }
