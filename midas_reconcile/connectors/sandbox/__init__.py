"""The embedded sandbox: simulated Google Ads and Meta accounts in one SQLite file.

``SandboxWorld`` holds every simulated account (``<workspace>/.midas/sandbox.db``), counts API calls,
enforces rate limits and injects faults (``MIDAS_SANDBOX_FAULTS``). ``GoogleAdsSimulator`` and
``MetaSimulator`` speak the platforms' native models (Google resource names and Mutate operations; Meta
Graph nodes, edges and batches) and are what the wire fakes of the real SDK connectors wrap.
``SandboxConnector`` implements the Connector contract on top of them; ``console`` edits the platforms
out of band; ``metrics`` is the synthetic performance model.
"""

from midas_reconcile.connectors.addressing import DEPENDENCY_FAILED, DependencyFailed
from midas_reconcile.connectors.google_schema import GoogleAdsError, GoogleAdsFailure, MutateResponse
from midas_reconcile.connectors.sandbox.connector import SandboxConnector
from midas_reconcile.connectors.sandbox.console import (
    Accounts,
    add_audience,
    add_google_campaign,
    delete_object,
    list_objects,
    reset,
    set_field,
    subdivide_product_group,
)
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.meta_rules import graph_error_body
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.metrics import Performance, daily_performance
from midas_reconcile.connectors.sandbox.world import (
    CRASH_EXIT_CODE,
    FAULTS_ENV,
    AccountInfo,
    Faults,
    SandboxLimits,
    SandboxWorld,
)

__all__ = [
    "CRASH_EXIT_CODE",
    "DEPENDENCY_FAILED",
    "FAULTS_ENV",
    "AccountInfo",
    "Accounts",
    "DependencyFailed",
    "Faults",
    "GoogleAdsError",
    "GoogleAdsFailure",
    "GoogleAdsSimulator",
    "MetaSimulator",
    "MutateResponse",
    "Performance",
    "SandboxConnector",
    "SandboxLimits",
    "SandboxWorld",
    "add_audience",
    "add_google_campaign",
    "daily_performance",
    "delete_object",
    "graph_error_body",
    "list_objects",
    "reset",
    "set_field",
    "subdivide_product_group",
]
