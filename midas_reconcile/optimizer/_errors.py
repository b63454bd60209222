"""The optimiser's error (its own module so that importing the workspace side does not load numpy)."""

from __future__ import annotations

from midas_reconcile.errors import MidasError


class OptimizerError(MidasError):
    """Rules or campaigns the optimiser cannot work with (the message says which and why)."""
