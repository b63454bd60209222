"""Meta's Advantage+ audience (``meta.advantage_audience``): what Meta requires of it, and the spec check.

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- Wire shape: ad set ``targeting.targeting_automation = {"advantage_audience": 1}`` (0 = off); the SDK's
  ``TargetingAutomation`` types it ``unsigned int`` (adobjects/targetingautomation.py, beside
  ``individual_setting``, a bare ``Object``, below, and ``shared_audiences`` …, which MIDAS does not set).
- ``individual_setting`` (``meta.advantage_audience_settings``): 0/1 flags keyed ``age``, ``gender``, ``geo``
  as public Marketing API clients send them, beside ``advantage_audience`` 1 and 0 alike; Meta's pages the
  search tool holds document neither the keys nor what the flags do. MIDAS sends and compares it as written,
  with the flag on or off (what Meta does with it off: unconfirmed); the spec check is the model's
  (``models.MetaAdvantageAudienceSettings``: those keys, 0 or 1). Facts: ``targeting.meta_automation``.
- Since Graph API v23.0 an ad set *create* "defaults to 1 or requires an explicit value of either 1 or 0"
  (Meta's Advantage+ audience reference and its 2025-06-13 blog post): 1 when age, gender, custom audience and
  detailed targeting are left at their defaults (or relaxed), otherwise the flag must be stated; updates of an
  existing ad set are not affected. The refusal, as public Marketing API clients quote it, is subcode 1870227
  "Advantage audience flag is required" ("To create your ad set, you need to enable or disable the
  Advantage+ audience feature") — not in Meta's pages the search tool holds. MIDAS always states it.
- With it on, location, minimum age, languages and custom audience exclusions stay constraints; the rest
  (maximum age, genders, detailed targeting, custom audiences) only suggests (Meta's reference). A maximum
  age under 65 is refused, subcode 1870189 ("You can add a lower maximum age as a suggestion instead"): quoted
  alike by several independent public clients, not by Meta's pages the search tool holds. Some clients also
  refuse a minimum age over 25; Meta's reference calls the minimum age a constraint and says nothing of a
  limit, so MIDAS does not refuse one (unconfirmed either way).
- Which objectives and optimisation goals allow it: not found in the pages the search tool holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    AdGroup,
    AgeRange,
    CampaignSpec,
    adset_advantage_audience,
    meta_adset_groups,
)

#: Meta's top targetable age: with Advantage+ audience the maximum age must be it (65 and over).
ADVANTAGE_AUDIENCE_AGE_MAX: Final = 65
#: Meta's subcodes for an ad set created without the flag, and for a maximum age under 65 with it on.
FLAG_REQUIRED_SUBCODE: Final = 1870227
AGE_MAX_SUBCODE: Final = 1870189


def advantage_age_problem(age_max: int | None) -> str | None:
    """Why Meta refuses this maximum age (None: 65 and over) with Advantage+ audience on, if it does."""
    if age_max is None or age_max >= ADVANTAGE_AUDIENCE_AGE_MAX:
        return None
    return (
        f"found a maximum age of {age_max} with Advantage+ audience on; expected none (65 and over): Meta "
        "refuses a lower maximum age there (error 1870189), as Advantage+ audience only takes it as a "
        "suggestion — turn meta.advantage_audience off to keep the maximum"
    )


def check_meta_advantage_audience(add: Callable[[PathKey, str], None], spec: CampaignSpec) -> None:
    """Every Meta ad set running Advantage+ audience has no maximum age under 65, said where it is written."""
    if spec.platforms.meta is None:
        return
    seen: set[PathKey] = set()
    for index, group in meta_adset_groups(spec):
        if not adset_advantage_audience(spec, group):
            continue
        path, ages = _ages_of(spec, index, group)
        problem = advantage_age_problem(ages.max)
        if problem is not None and path not in seen:
            seen.add(path)
            add(path, problem)


def _ages_of(spec: CampaignSpec, index: int | None, group: AdGroup) -> tuple[PathKey, AgeRange]:
    """The ages ``group``'s ad set runs with and where its maximum is written (the group's targeting, the
    campaign's ``meta.targeting``, or its unified targeting)."""
    if index is not None and group.targeting is not None and "ages" in group.targeting.model_fields_set:
        return ("spec", "ad_groups", index, "targeting", "ages", "max"), group.targeting.ages
    if spec.meta.targeting is not None and "ages" in spec.meta.targeting.model_fields_set:
        return ("spec", "meta", "targeting", "ages", "max"), spec.meta.targeting.ages
    return ("spec", "targeting", "ages", "max"), spec.targeting.ages
