"""Targeting mapper: unified targeting ↔ Google Ads criteria ↔ Meta targeting spec; similarity.

Public API (re-exported here):

- ``TargetingMapper(google_resolver=None, meta_resolver=None)`` with ``to_google``, ``to_meta``,
  ``from_google``, ``from_meta``, ``similarity`` and ``remember``;
- result types ``GoogleCriterion``, ``GoogleTargeting``, ``MetaTargeting``, ``SimilarityScore``;
- ``Resolver`` (``(kind, names) -> {name: id}``), ``canonical_targeting``,
  ``normalize_meta_targeting``, ``google_geo_to_iso``, ``iso_to_google_geo``, ``similarity`` and its
  ``Narrowing``;
- the Google enum tables ``AGE_BUCKETS``, ``AGE_RANGE_CRITERION_IDS``, ``GENDER_CRITERION_IDS``.

Fixed tables (countries, Google languages, Meta locales) ship as JSON under ``midas_reconcile/data``.
"""

from midas_reconcile.targeting.mapper import TargetingMapper
from midas_reconcile.targeting.meta import normalize_meta_targeting
from midas_reconcile.targeting.model import (
    GoogleCriterion,
    GoogleTargeting,
    MetaTargeting,
    Resolver,
    SimilarityScore,
    canonical_targeting,
)
from midas_reconcile.targeting.similarity import WEIGHTS, Narrowing, similarity
from midas_reconcile.targeting.tables import (
    AGE_BUCKETS,
    AGE_RANGE_CRITERION_IDS,
    GENDER_CRITERION_IDS,
    google_geo_to_iso,
    iso_to_google_geo,
)

__all__ = [
    "AGE_BUCKETS",
    "AGE_RANGE_CRITERION_IDS",
    "GENDER_CRITERION_IDS",
    "WEIGHTS",
    "GoogleCriterion",
    "GoogleTargeting",
    "MetaTargeting",
    "Narrowing",
    "Resolver",
    "SimilarityScore",
    "TargetingMapper",
    "canonical_targeting",
    "google_geo_to_iso",
    "iso_to_google_geo",
    "normalize_meta_targeting",
    "similarity",
]
