"""TargetingMapper: the one object the compiler, importer and drift use to translate targeting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from midas_reconcile.spec import Targeting
from midas_reconcile.targeting import google, meta
from midas_reconcile.targeting.google import CampaignTargetOptions, ExclusionOptions, Level
from midas_reconcile.targeting.model import (
    GoogleCriterion,
    GoogleTargeting,
    MetaTargeting,
    NameBook,
    ResolveKind,
    Resolver,
    SimilarityScore,
)
from midas_reconcile.targeting.similarity import NOT_NARROWED, Narrowing, similarity


class TargetingMapper:
    """Unified targeting ↔ Google criteria ↔ Meta targeting spec, for one pair of accounts.

    Names of regions, interests and languages outside the shipped tables resolve through the
    platform's resolver (case-insensitively; the caller caches). Names nobody knows are returned in
    ``unresolved`` rather than raised, so the caller can report every one of them with its spec
    location. Ids resolved here are remembered in reverse so that ``from_google`` / ``from_meta``
    give back the names the specs used; ``remember`` seeds that memory from elsewhere (the store).

    Where a platform cannot express the unified targeting exactly, the mapping picks the closest
    superset and says so in ``warnings``; the reverse mappings warn about native settings the unified
    model cannot hold. Where the mapping is exact, ``from_x(to_x(t)) == canonical_targeting(t)``.
    """

    def __init__(
        self, google_resolver: Resolver | None = None, meta_resolver: Resolver | None = None
    ) -> None:
        self._google = NameBook(google_resolver)
        self._meta = NameBook(meta_resolver)

    def to_google(self, targeting: Targeting) -> GoogleTargeting:
        """Google campaign and ad group criteria for ``targeting``, sorted by (level, key)."""
        return google.to_google(targeting, self._google)

    def google_exclusions(self, options: ExclusionOptions, level: Level) -> GoogleTargeting:
        """The criteria at ``level`` of a campaign's or an ad group's own Google exclusions
        (``google.negative_ages`` …)."""
        return google.exclusions(options, self._google, level)

    def google_campaign_targets(self, options: CampaignTargetOptions) -> GoogleTargeting:
        """The positive campaign criteria of what a campaign itself targets on Google
        (``google.campaign_ages`` …)."""
        return google.exclusions(options, self._google, "campaign", own="campaign")

    def google_exclusion_clashes(
        self, options: ExclusionOptions, targeted: GoogleTargeting
    ) -> list[tuple[str, int, str]]:
        """(option, index, message) for each of an ad group's exclusions that ``targeted`` (its unified
        targeting on Google) also targets or already excludes."""
        return google.exclusion_clashes(options, targeted, self._google)

    def google_exclusions_from(
        self, criteria: Sequence[Mapping[str, Any]]
    ) -> tuple[dict[str, list[str]], list[str]]:
        """The ``google.negative_*`` options of a campaign's or an ad group's excluded age range, gender
        and user interest criteria, and a problem for each that cannot be named."""
        return google.exclusions_from(criteria, self._google)

    def google_campaign_targets_from(
        self, criteria: Sequence[Mapping[str, Any]]
    ) -> tuple[dict[str, list[str]], list[str]]:
        """The ``google.campaign_*`` options of a campaign's targeted age range, gender and user interest
        criteria, and a problem for each that cannot be named."""
        return google.exclusions_from(criteria, self._google, own="campaign")

    def google_unwritable_radii(self, criteria: Sequence[Mapping[str, Any]]) -> list[str]:
        """The proximity criteria the spec language cannot write (around a street address, excluded …),
        each described with why: ``from_google`` leaves them out."""
        return google.unwritable_radii(criteria)

    def to_meta(self, targeting: Targeting) -> MetaTargeting:
        """The Meta ad set ``targeting`` dict for ``targeting``, in ``normalize_meta_targeting`` form."""
        return meta.to_meta(targeting, self._meta)

    def from_google(self, criteria: Sequence[Mapping[str, Any]]) -> tuple[Targeting, list[str]]:
        """Unified targeting from criterion field dicts of both levels, and fidelity warnings."""
        return google.from_google(criteria, self._google)

    def from_meta(self, spec: Mapping[str, Any]) -> tuple[Targeting, list[str]]:
        """Unified targeting from a Meta targeting spec (raw or normalised), and fidelity warnings."""
        return meta.from_meta(spec, self._meta)

    def similarity(
        self, a: Targeting, b: Targeting, narrowed: tuple[Narrowing, Narrowing] = NOT_NARROWED
    ) -> SimilarityScore:
        """See ``midas_reconcile.targeting.similarity``."""
        return similarity(a, b, narrowed)

    # The seed's names: each a composition of the mappings above (through the unified model).
    def map_google_to_meta(
        self, criteria: GoogleTargeting | Sequence[GoogleCriterion | Mapping[str, Any]]
    ) -> MetaTargeting:
        """The Meta targeting spec equivalent to Google criteria (a ``to_google`` result, its criteria, or
        criterion field dicts as read from the API); both legs' warnings are kept."""
        items = criteria.criteria if isinstance(criteria, GoogleTargeting) else criteria
        unified, warnings = self.from_google(
            [c.fields if isinstance(c, GoogleCriterion) else c for c in items]
        )
        mapped = self.to_meta(unified)
        mapped.warnings = [*warnings, *mapped.warnings]
        return mapped

    def map_meta_to_google(self, spec: Mapping[str, Any]) -> GoogleTargeting:
        """The Google criteria equivalent to a Meta targeting spec; both legs' warnings are kept."""
        unified, warnings = self.from_meta(spec)
        mapped = self.to_google(unified)
        mapped.warnings = [*warnings, *mapped.warnings]
        return mapped

    def calculate_similarity(self, a: Targeting, b: Targeting) -> SimilarityScore:
        """``similarity`` under the seed's name."""
        return self.similarity(a, b)

    def remember(self, platform: str, kind: ResolveKind, mapping: Mapping[str, str]) -> None:
        """Teach the reverse mapping known ``{name: platform id}`` pairs of ``platform`` ("google"/"meta")."""
        if platform not in ("google", "meta"):
            raise ValueError(f"unknown platform {platform!r}")
        (self._google if platform == "google" else self._meta).remember(kind, mapping)
