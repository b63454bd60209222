"""Budget allocation across campaigns and platforms: response curves fitted from stored metrics,
water-filling under the policy's constraints, exact ``Decimal`` budgets.

``engine.recommend`` is the entry point; ``curves``, ``fit`` and ``allocate`` are its numeric parts
(numpy), ``api`` the seed-compatible functions over it.
"""

from midas_reconcile.optimizer.engine import (
    CampaignHistory,
    CampaignRecommendation,
    DailyFigures,
    OptimizerError,
    Recommendation,
    Rules,
    recommend,
)

__all__ = [
    "CampaignHistory",
    "CampaignRecommendation",
    "DailyFigures",
    "OptimizerError",
    "Recommendation",
    "Rules",
    "recommend",
]
