"""Result types, the resolver seam and the canonical form of unified targeting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeVar, cast

from midas_reconcile.spec import AgeRange, Exclusions, Gender, Targeting
from midas_reconcile.spec._places import canonical_location
from midas_reconcile.targeting.tables import TOP_AGE, last_segment

#: ``(kind, names) -> {name: platform id}`` with kind "location", "language" or "interest"; names the
#: platform does not know are absent. The connector's ``resolve`` (cached by the caller) fits.
Resolver = Callable[[str, Sequence[str]], dict[str, str]]

ResolveKind = Literal["location", "language", "interest"]
#: How a connector names an audience it read by id but cannot name (no audience of the account has the
#: id, or its name is one two audiences share): ``id:<platform id>``.
UNNAMED_AUDIENCE_PREFIX: Final = "id:"
#: Why the mapper leaves such an audience out (the end of its warning).
UNNAMED_AUDIENCE_IGNORED: Final = (
    "is not an audience MIDAS can name (none of the account's, or one whose name another shares); ignored"
)
_GENDER_ORDER: tuple[Gender, ...] = ("female", "male")


@dataclass(frozen=True)
class GoogleCriterion:
    """One Google criterion: key (``age_range:AGE_RANGE_25_34``), level and native fields.

    ``fields`` hold exactly the catalogued fields of ``campaign_criterion`` / ``ad_group_criterion``
    that apply (``negative`` only when true, like keyword criteria). Exclusions have their own key
    prefix (``negative_location:2276``, ``negative_user_interest:92948``) because Google cannot flip
    a criterion between targeted and excluded: changing it is a remove plus a create.
    """

    key: str
    level: Literal["campaign", "ad_group"]
    fields: dict[str, Any]
    #: The spec entries it was mapped from (a location's as written; two spellings of one place make one
    #: criterion), where there were: not part of its identity.
    sources: tuple[str, ...] = field(default=(), compare=False)


class Unresolved(str):
    """A name no resolver knew, as reported (``interest 'Foo'``), keeping its ``kind`` and ``name``."""

    kind: str
    name: str

    def __new__(cls, kind: str, name: str) -> Unresolved:
        text = super().__new__(cls, f"{kind} {name!r}")
        text.kind, text.name = kind, name
        return text


class PlaceConflict(Unresolved):
    """An entry (``name``) that resolves to the very place another entry (``other``) does, where a platform
    cannot hold both: reported with the names no resolver knew, as the problem of the entry ``name``."""

    other: str

    def __new__(cls, kind: str, name: str, other: str) -> PlaceConflict:
        text = cast(PlaceConflict, super().__new__(cls, kind, name))
        text.other = other
        return text

    def tail(self, where: str) -> str:
        """Why it is a problem on ``where`` (``google account 'google-main'``): a sentence tail after the
        quoted entry."""
        raise NotImplementedError


class TargetedAndExcluded(PlaceConflict):
    """An excluded entry that is the place a targeted entry of another spelling (``other``) is, on one
    platform (``platform``): no platform targets and excludes one place (Google refuses it:
    CANNOT_TARGET_AND_EXCLUDE; Meta's sandbox takes it, but the ad set would reach no one there)."""

    platform: str

    def __new__(cls, kind: str, name: str, other: str, platform: str) -> TargetedAndExcluded:
        text = cast(TargetedAndExcluded, super().__new__(cls, kind, name, other))
        text.platform = platform
        return text

    def tail(self, where: str) -> str:
        why = (
            "Google refuses to target and exclude one criterion, CANNOT_TARGET_AND_EXCLUDE"
            if self.platform == "google"
            else "every place of it is excluded, so the Meta ad set would reach no one there"
        )
        return (
            f", excluded, is the place {self.other!r} targets on {where} ({why}); expected the place in one "
            "of the two lists, written once"
        )


class OneCityTwice(PlaceConflict):
    """An entry naming the Meta city another entry (``other``) names too, with another radius or none: an ad
    set's ``geo_locations.cities`` (or ``excluded_geo_locations.cities``) holds a city once."""

    def tail(self, where: str) -> str:
        return (
            f" names the city {self.other!r} names too on {where} (an ad set holds a city once, with one "
            "radius or none); expected one entry for the city"
        )


class RadiusCovered(PlaceConflict):
    """An excluded radius around a city at least as wide as a targeted radius (``other``) around the city it
    resolves to too, however each is written: Meta, which geocodes the city to one point for both, excludes
    every place of the targeted one."""

    def tail(self, where: str) -> str:
        return (
            f", excluded, covers the targeted {self.other!r} entirely on {where} (both around one city, the "
            "excluded radius at least as wide): every place of it is excluded, so Meta reaches no one there; "
            "expected an excluded radius that leaves part of the targeted one, or the targeted radius removed"
        )


@dataclass
class GoogleTargeting:
    """Criteria sorted by (level, key), fidelity warnings, and names no resolver knew."""

    criteria: list[GoogleCriterion]
    warnings: list[str]
    unresolved: list[Unresolved]


@dataclass
class MetaTargeting:
    """A Meta ad set ``targeting`` dict in ``normalize_meta_targeting`` form, warnings, unresolved names."""

    spec: dict[str, Any]
    warnings: list[str]
    unresolved: list[Unresolved]


@dataclass(frozen=True)
class SimilarityScore:
    """``total`` in 0..1 and the score of each dimension (age, gender, geo, language, interests)."""

    total: float
    dimensions: dict[str, float] = field(default_factory=dict)


def canonical_targeting(targeting: Targeting) -> Targeting:
    """The canonical unified form: what round trips compare against.

    Lists sorted and de-duplicated (interests case-insensitively, keeping the first spelling),
    locations in their one spelling (codes upper case, a city's name as written), language codes lower
    case, audience names as written (they name documents exactly), both genders written as none (= all),
    and an age maximum of 65 or more written as ``None`` ("65 and over", the platforms' top bucket).
    """
    ages = targeting.ages
    top = None if ages.max is None or ages.max >= TOP_AGE else ages.max
    genders = sorted(set(targeting.genders), key=_GENDER_ORDER.index)
    return Targeting(
        ages=AgeRange(min=ages.min, max=top),
        genders=[] if len(genders) == len(_GENDER_ORDER) else genders,
        locations=canonical_locations(targeting.locations),
        languages=canonical_codes(targeting.languages, upper=False),
        interests=canonical_names(targeting.interests),
        audiences=sorted(set(targeting.audiences)),
        exclude=Exclusions(
            locations=canonical_locations(targeting.exclude.locations),
            interests=canonical_names(targeting.exclude.interests),
            audiences=sorted(set(targeting.exclude.audiences)),
        ),
    )


def canonical_locations(locations: Iterable[str]) -> list[str]:
    """Locations in their one spelling (``spec._places.canonical_location``), sorted and de-duplicated."""
    return sorted({canonical_location(c) for c in locations if c.strip()})


def canonical_codes(codes: Iterable[str], *, upper: bool) -> list[str]:
    cleaned = (c.strip() for c in codes)
    return sorted({c.upper() if upper else c.lower() for c in cleaned if c})


def canonical_names(names: Iterable[str]) -> list[str]:
    """Names de-duplicated case-insensitively (first spelling wins), sorted case-insensitively."""
    seen: dict[str, str] = {}
    for name in names:
        stripped = name.strip()
        if stripped:
            seen.setdefault(stripped.lower(), stripped)
    return [seen[k] for k in sorted(seen)]


class NameBook:
    """Resolves names through an optional resolver and remembers the answers in both directions.

    The reverse direction (platform id → the name the specs used) is what lets ``from_google`` and
    ``from_meta`` invert ``to_google`` / ``to_meta``; callers may seed it with ``remember`` (for
    instance from the store's resolution cache). Names match case-insensitively.
    """

    def __init__(self, resolver: Resolver | None) -> None:
        self._resolver = resolver
        self._reverse: dict[tuple[str, str], str] = {}

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        """``{lower-cased name: platform id}`` for the names the resolver knows."""
        wanted = canonical_names(names)
        if not wanted or self._resolver is None:
            return {}
        answer = self._resolver(kind, wanted)
        found = {name.lower(): str(platform_id) for name, platform_id in answer.items()}
        originals = {name.lower(): name for name in wanted}
        for lowered, platform_id in found.items():
            if lowered in originals:
                self._reverse.setdefault((kind, normal_id(platform_id)), originals[lowered])
        return {k: v for k, v in found.items() if k in originals}

    def remember(self, kind: ResolveKind, mapping: Mapping[str, str]) -> None:
        """Record known ``{name: platform id}`` pairs for inverting ids (first name per id wins)."""
        for name, platform_id in sorted(mapping.items()):
            self._reverse.setdefault((kind, normal_id(platform_id)), name)

    def name_of(self, kind: ResolveKind, platform_id: str | int) -> str | None:
        """The name that resolved to ``platform_id``, if this book has seen it."""
        return self._reverse.get((kind, normal_id(str(platform_id))))


def normal_id(platform_id: str) -> str:
    """Ids compare by their last path segment: ``geoTargetConstants/21137`` and ``21137`` are one id."""
    return last_segment(platform_id)


def is_unnamed_audience(name: str) -> bool:
    """Whether ``name`` stands for an audience id no list names (``UNNAMED_AUDIENCE_PREFIX``)."""
    return name.startswith(UNNAMED_AUDIENCE_PREFIX) and name[len(UNNAMED_AUDIENCE_PREFIX) :].isdigit()


_T = TypeVar("_T")


def dedupe(messages: Iterable[_T]) -> list[_T]:
    """Messages without repeats, in first-seen order."""
    return list(dict.fromkeys(messages))
