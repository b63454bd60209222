"""Audiences: customer lists hashed per platform, overlaps (exact, sketched, population-weighted) and the
unified audiences in the state store.

Modules: ``normalise`` (per-platform field rules), ``customer_list`` (streamed CSV → hashed members or
canonical keys, bad rows by line), ``parallel`` (large lists over several processes), ``overlap``
(exact and Theta-sketch list overlap), ``targeting_overlap`` (population-weighted targeting overlap),
``manager`` (``AudienceManager``), ``render`` (text / json).
"""

from midas_reconcile.audiences.customer_list import HashedMember, KeySet, ReadReport, iter_members, read_keys
from midas_reconcile.audiences.manager import (
    AudienceError,
    AudienceManager,
    AudienceOverlap,
    AudienceSync,
    sync_unified_audiences,
)
from midas_reconcile.audiences.overlap import ListOverlap, exact_overlap, sketch_keys, theta_overlap
from midas_reconcile.audiences.targeting_overlap import DimensionOverlap, TargetingOverlap, targeting_overlap

__all__ = [
    "AudienceError",
    "AudienceManager",
    "AudienceOverlap",
    "AudienceSync",
    "DimensionOverlap",
    "HashedMember",
    "KeySet",
    "ListOverlap",
    "ReadReport",
    "TargetingOverlap",
    "exact_overlap",
    "iter_members",
    "read_keys",
    "sketch_keys",
    "sync_unified_audiences",
    "targeting_overlap",
    "theta_overlap",
]
