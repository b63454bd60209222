"""Budget allocation across campaigns and platforms: response curves fitted from stored metrics,
water-filling under the policy's constraints, exact ``Decimal`` budgets.

``engine.recommend`` is the entry point; ``curves``, ``fit`` and ``allocate`` are its numeric parts
(numpy), ``workspace`` wires it to a workspace and store, ``api`` offers the seed's functions over it.
Names are exported lazily: planning a workspace without optimised policies never loads numpy.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from midas_reconcile.optimizer._errors import OptimizerError
    from midas_reconcile.optimizer.engine import (
        CampaignHistory,
        CampaignRecommendation,
        DailyFigures,
        Recommendation,
        Rules,
        recommend,
    )

_EXPORTS: dict[str, str] = {
    "CampaignHistory": "midas_reconcile.optimizer.engine",
    "CampaignRecommendation": "midas_reconcile.optimizer.engine",
    "DailyFigures": "midas_reconcile.optimizer.engine",
    "OptimizerError": "midas_reconcile.optimizer._errors",
    "Recommendation": "midas_reconcile.optimizer.engine",
    "Rules": "midas_reconcile.optimizer.engine",
    "recommend": "midas_reconcile.optimizer.engine",
}

__all__ = [
    "CampaignHistory",
    "CampaignRecommendation",
    "DailyFigures",
    "OptimizerError",
    "Recommendation",
    "Rules",
    "recommend",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'midas_reconcile.optimizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
