"""MIDAS: Google Ads and Meta Ads as code.

The public API; everything else is private to its module. (The pure core is reachable too, by module:
``midas_reconcile.planner.plan`` and ``midas_reconcile.drift_report.drift``; they are not re-exported
here because ``plan`` would clash with the ``midas_reconcile.plan`` module.) A typical program::

    from midas_reconcile import Session

    with Session("path/to/workspace") as session:
        outcome = session.plan()
        if outcome.plan.has_changes and not outcome.blocking():
            result = session.apply(outcome)
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from midas_reconcile.applier import ApplyEvent, ApplyResult, ResourceOutcome, apply
    from midas_reconcile.audiences import AudienceManager
    from midas_reconcile.compile import CompiledWorkspace, compile_workspace
    from midas_reconcile.connectors.base import Connector, ConnectorLimits, DailyMetrics, WriteOp, WriteResult
    from midas_reconcile.drift_report import DriftReport
    from midas_reconcile.errors import (
        AuthError,
        ConnectorError,
        LockHeld,
        MidasError,
        PermanentError,
        PlanError,
        PolicyViolation,
        SpecError,
        SpecIssue,
        StateError,
        TransientError,
    )
    from midas_reconcile.manager import UnifiedAdsManager
    from midas_reconcile.manager_models import (
        CampaignCreation,
        CampaignSync,
        CrossPlatformOptimization,
        GoogleAdsConfig,
        MetaAdsConfig,
        MonitoringSetup,
    )
    from midas_reconcile.optimizer._errors import OptimizerError
    from midas_reconcile.optimizer.api import (
        AllocationResult,
        BudgetRules,
        BudgetShift,
        CampaignPerformance,
        CrossPlatformOptimizer,
        PerformanceAnalysis,
        analyze_performance,
        optimize_budget_allocation,
        shift_budget,
    )
    from midas_reconcile.optimizer.engine import CampaignHistory, DailyFigures
    from midas_reconcile.plan import Action, Change, FieldChange, Plan
    from midas_reconcile.resources import Address, Resource
    from midas_reconcile.session import PlanOutcome, Session
    from midas_reconcile.settings import Settings, load_settings
    from midas_reconcile.spec import Workspace, load_workspace
    from midas_reconcile.store import StateStore
    from midas_reconcile.targeting import TargetingMapper

# Importing lazily keeps `midas --help` and the CLI's start-up from loading every dependency.
_EXPORTS: dict[str, str] = {
    "Action": "midas_reconcile.plan",
    "Address": "midas_reconcile.resources",
    "AllocationResult": "midas_reconcile.optimizer.api",
    "ApplyEvent": "midas_reconcile.applier",
    "ApplyResult": "midas_reconcile.applier",
    "AudienceManager": "midas_reconcile.audiences",
    "AuthError": "midas_reconcile.errors",
    "BudgetRules": "midas_reconcile.optimizer.api",
    "BudgetShift": "midas_reconcile.optimizer.api",
    "CampaignCreation": "midas_reconcile.manager_models",
    "CampaignHistory": "midas_reconcile.optimizer.engine",
    "CampaignPerformance": "midas_reconcile.optimizer.api",
    "CampaignSync": "midas_reconcile.manager_models",
    "Change": "midas_reconcile.plan",
    "CompiledWorkspace": "midas_reconcile.compile",
    "Connector": "midas_reconcile.connectors.base",
    "ConnectorError": "midas_reconcile.errors",
    "ConnectorLimits": "midas_reconcile.connectors.base",
    "CrossPlatformOptimization": "midas_reconcile.manager_models",
    "CrossPlatformOptimizer": "midas_reconcile.optimizer.api",
    "DailyFigures": "midas_reconcile.optimizer.engine",
    "DailyMetrics": "midas_reconcile.connectors.base",
    "DriftReport": "midas_reconcile.drift_report",
    "FieldChange": "midas_reconcile.plan",
    "GoogleAdsConfig": "midas_reconcile.manager_models",
    "Kpis": "midas_reconcile.insights",
    "LockHeld": "midas_reconcile.errors",
    "MetaAdsConfig": "midas_reconcile.manager_models",
    "MidasError": "midas_reconcile.errors",
    "MonitoringSetup": "midas_reconcile.manager_models",
    "OptimizerError": "midas_reconcile.optimizer._errors",
    "PerformanceAnalysis": "midas_reconcile.optimizer.api",
    "PermanentError": "midas_reconcile.errors",
    "Plan": "midas_reconcile.plan",
    "PlanError": "midas_reconcile.errors",
    "PlanOutcome": "midas_reconcile.session",
    "PolicyViolation": "midas_reconcile.errors",
    "Report": "midas_reconcile.insights",
    "Resource": "midas_reconcile.resources",
    "ResourceOutcome": "midas_reconcile.applier",
    "Session": "midas_reconcile.session",
    "Settings": "midas_reconcile.settings",
    "SpecError": "midas_reconcile.errors",
    "SpecIssue": "midas_reconcile.errors",
    "StateError": "midas_reconcile.errors",
    "StateStore": "midas_reconcile.store",
    "TargetingMapper": "midas_reconcile.targeting",
    "TransientError": "midas_reconcile.errors",
    "UnifiedAdsManager": "midas_reconcile.manager",
    "Workspace": "midas_reconcile.spec",
    "WriteOp": "midas_reconcile.connectors.base",
    "WriteResult": "midas_reconcile.connectors.base",
    "analyze_performance": "midas_reconcile.optimizer.api",
    "apply": "midas_reconcile.applier",
    "compile_workspace": "midas_reconcile.compile",
    "load_settings": "midas_reconcile.settings",
    "load_workspace": "midas_reconcile.spec",
    "optimize_budget_allocation": "midas_reconcile.optimizer.api",
    "shift_budget": "midas_reconcile.optimizer.api",
}

__all__ = [
    "Action",
    "Address",
    "AllocationResult",
    "ApplyEvent",
    "ApplyResult",
    "AudienceManager",
    "AuthError",
    "BudgetRules",
    "BudgetShift",
    "CampaignCreation",
    "CampaignHistory",
    "CampaignPerformance",
    "CampaignSync",
    "Change",
    "CompiledWorkspace",
    "Connector",
    "ConnectorError",
    "ConnectorLimits",
    "CrossPlatformOptimization",
    "CrossPlatformOptimizer",
    "DailyFigures",
    "DailyMetrics",
    "DriftReport",
    "FieldChange",
    "GoogleAdsConfig",
    "Kpis",
    "LockHeld",
    "MetaAdsConfig",
    "MidasError",
    "MonitoringSetup",
    "OptimizerError",
    "PerformanceAnalysis",
    "PermanentError",
    "Plan",
    "PlanError",
    "PlanOutcome",
    "PolicyViolation",
    "Report",
    "Resource",
    "ResourceOutcome",
    "Session",
    "Settings",
    "SpecError",
    "SpecIssue",
    "StateError",
    "StateStore",
    "TargetingMapper",
    "TransientError",
    "UnifiedAdsManager",
    "Workspace",
    "WriteOp",
    "WriteResult",
    "analyze_performance",
    "apply",
    "compile_workspace",
    "load_settings",
    "load_workspace",
    "optimize_budget_allocation",
    "shift_budget",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'midas_reconcile' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
