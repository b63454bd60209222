"""Unified targeting ↔ Google Ads criteria.

Campaign level: locations (``location:<geo id>``; exclusions ``negative_location:<geo id>``) and
languages (``language:<id>``). Ad group level: age range buckets (``age_range:AGE_RANGE_25_34``),
genders (``gender:FEMALE``) and user interests (``user_interest:<id>``; exclusions
``negative_user_interest:<id>``) and audiences (``user_list:<audience>``; exclusions
``negative_user_list:<audience>``). The full age range and both genders are Google's default and emit
no criteria. ``user_interest`` holds the bare user interest id: the connector adds the customer;
``user_list`` the audience's name: the connector puts its list on the wire (``resources.audience_ref``).

A campaign's or an ad group's own exclusions (``google.negative_ages`` / ``negative_genders`` /
``negative_interests``) are negative criteria of that level: ``negative_age_range:<bucket>``,
``negative_gender:<gender>`` and ``negative_user_interest:<id>`` (``exclusions``; read back by
``exclusions_from``). At ad group level they sit beside the unified targeting's criteria, which must not
target what they exclude (``exclusion_clashes``). What a campaign itself targets of them
(``google.campaign_ages`` / ``campaign_genders`` / ``campaign_interests``, as a console may set them) are
positive campaign criteria of the same keys without ``negative_`` (``exclusions`` and ``exclusions_from``
with ``own="campaign"``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal, Protocol

from midas_reconcile.spec import AgeRange, Exclusions, Gender, Targeting
from midas_reconcile.spec._places import canonical_location, google_geo_id, is_dma, parse_place, parse_radius
from midas_reconcile.targeting.model import (
    UNNAMED_AUDIENCE_IGNORED,
    GoogleCriterion,
    GoogleTargeting,
    NameBook,
    TargetedAndExcluded,
    Unresolved,
    canonical_targeting,
    dedupe,
    is_unnamed_audience,
)
from midas_reconcile.targeting.places import (
    dma_of_google_geo,
    google_dma_geo,
    lookup_name,
    meta_alone,
    proximity_entry,
    proximity_fields,
    proximity_key,
    proximity_problem,
    unwritable_proximity,
)
from midas_reconcile.targeting.tables import (
    AGE_BUCKETS,
    AGE_RANGE_UNDETERMINED,
    GOOGLE_GENDERS,
    MIN_TARGETABLE_AGE,
    format_age_range,
    google_geo_constant,
    google_geo_to_iso,
    google_language_constant,
    google_languages,
    is_country,
    iso_to_google_geo,
    last_segment,
    platform_numeric_id,
)

Level = Literal["campaign", "ad_group"]
#: Whose options: a campaign's or an ad group's exclusions (``negative_*``), or what a campaign itself
#: targets (``campaign_*``).
Own = Literal["negative", "campaign"]
_BUCKET_NAMES = tuple(name for name, _, _ in AGE_BUCKETS)
#: The age buckets and genders a campaign excludes, as the spec names them → Google's enum names.
EXCLUDED_AGES: dict[str, str] = {
    **{(f"{low}-{high}" if high else f"{low}+"): name for name, low, high in AGE_BUCKETS},
    "undetermined": AGE_RANGE_UNDETERMINED,
}
EXCLUDED_GENDERS: dict[str, str] = {
    **{str(unified): native for unified, native in GOOGLE_GENDERS.items()},
    "undetermined": "UNDETERMINED",
}
#: The criterion types the unified targeting puts at campaign level (``to_google``): the rest it targets per
#: ad group.
CAMPAIGN_TARGETING_TYPES: frozenset[str] = frozenset({"LOCATION", "PROXIMITY", "LANGUAGE"})
#: The criterion types of a campaign's own exclusions: what MIDAS targets per ad group (ages, genders,
#: interests) and a campaign can exclude.
CAMPAIGN_EXCLUSION_TYPES: frozenset[str] = frozenset({"AGE_RANGE", "GENDER", "USER_INTEREST"})
#: The negative ad group criteria an ad group's own ``google.negative_*`` options hold when imported. An
#: excluded interest is not among them: the unified ``targeting.exclude.interests`` holds it on Google and
#: Meta alike (``to_google``), whereas the unified ages and genders can only target.
AD_GROUP_EXCLUSION_TYPES: frozenset[str] = frozenset({"AGE_RANGE", "GENDER"})
#: Spec option (less its ``negative_`` / ``campaign_`` prefix) of each criterion type, with its names by
#: Google enum name.
_EXCLUSION_OPTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "AGE_RANGE": ("ages", {v: k for k, v in EXCLUDED_AGES.items()}),
    "GENDER": ("genders", {v: k for k, v in EXCLUDED_GENDERS.items()}),
}


class ExclusionOptions(Protocol):
    """The ``google`` options of a campaign (``GoogleOptions``) or an ad group (``AdGroupGoogle``) that
    exclude people: ages by bucket, genders, interests by name."""

    @property
    def negative_ages(self) -> Sequence[str]: ...
    @property
    def negative_genders(self) -> Sequence[str]: ...
    @property
    def negative_interests(self) -> Sequence[str]: ...


class CampaignTargetOptions(Protocol):
    """The ``google`` options of a campaign (``GoogleOptions``) naming what the campaign itself targets:
    ages by bucket, genders, interests by name."""

    @property
    def campaign_ages(self) -> Sequence[str]: ...
    @property
    def campaign_genders(self) -> Sequence[str]: ...
    @property
    def campaign_interests(self) -> Sequence[str]: ...


class _Criteria:
    """Collects criteria by key; two names landing on one key become one criterion and a warning."""

    def __init__(self) -> None:
        self.by_key: dict[str, tuple[GoogleCriterion, str]] = {}
        self.warnings: list[str] = []

    def add(self, key: str, level: Level, fields: dict[str, Any], *, source: str, what: str) -> None:
        if key in self.by_key:
            criterion, first = self.by_key[key]
            if first != source:
                self.warnings.append(
                    f"{what}s {first!r} and {source!r} are the same Google {what} "
                    f"({key.split(':', 1)[1]}): one criterion"
                )
                if source not in criterion.sources:
                    self.by_key[key] = (replace(criterion, sources=(*criterion.sources, source)), first)
            return
        self.by_key[key] = (GoogleCriterion(key, level, fields, (source,) if source else ()), source)

    def sorted(self) -> list[GoogleCriterion]:
        return sorted((c for c, _ in self.by_key.values()), key=lambda c: (c.level, c.key))


def to_google(targeting: Targeting, book: NameBook) -> GoogleTargeting:
    """Google criteria for unified targeting; see the module docstring for keys and levels."""
    t = canonical_targeting(targeting)
    out = _Criteria()
    warnings: list[str] = []
    unresolved: list[Unresolved] = []

    # A radius's city is looked up as the city alone would be, though its criterion sends the address:
    # Google geocodes that address only when the criterion is made, and refuses one it cannot find
    # (INVALID_PROXIMITY_ADDRESS) mid-apply, after the campaign's other location criteria have changed.
    named = [
        lookup_name(c) for c in (*t.locations, *t.exclude.locations) if not is_country(c) and not is_dma(c)
    ]
    resolved = book.resolve("location", [n for n in named if n is not None])
    for negative, codes in ((False, t.locations), (True, t.exclude.locations)):
        for code in codes:
            radius = parse_radius(code)
            if radius is not None and negative:  # the spec excludes a radius on Meta alone
                warnings.append(meta_alone(code))
                continue
            if radius is not None:  # a proximity criterion: Google geocodes a city's address itself
                if radius.city is not None and radius.city.text.lower() not in resolved:
                    unresolved.append(Unresolved("location", code))
                    continue
                around = proximity_fields(radius)
                out.add(proximity_key(around), "campaign", around, source=code, what="location")
                continue
            geo = iso_to_google_geo(code) if is_country(code) else None
            if google_geo_id(code) is not None:  # Google's own constant: known once the account finds it
                geo = google_geo_constant(code) if code.lower() in resolved else None
            elif geo is None and (dma := parse_place(code)) is not None and dma.kind == "dma":
                geo = google_dma_geo(dma)  # a DMA Region constant by its code: nothing to resolve
            if geo is None and code.lower() in resolved:
                geo = google_geo_constant(resolved[code.lower()])
            if geo is None:
                unresolved.append(Unresolved("location", code))
                continue
            fields: dict[str, Any] = {"type": "LOCATION", "geo_target_constant": geo}
            prefix = "location"
            if negative:
                fields["negative"] = True
                prefix = "negative_location"
            out.add(f"{prefix}:{last_segment(geo)}", "campaign", fields, source=code, what="location")

    for key, (_, excluded) in list(out.by_key.items()):
        targeted = (
            out.by_key.get(key.removeprefix("negative_")) if key.startswith("negative_location:") else None
        )
        if targeted is not None and targeted[1].casefold() != excluded.casefold():  # else a spec error
            unresolved.append(TargetedAndExcluded("location", excluded, targeted[1], "google"))

    table = google_languages()
    resolved = book.resolve("language", [c for c in t.languages if c not in table.full])
    for code in t.languages:
        ids: Sequence[int | str] | None = table.full.get(code)
        if ids is None and code in resolved:
            ids = (last_segment(resolved[code]),)
        if ids is None:
            unresolved.append(Unresolved("language", code))
            continue
        for language_id in ids:
            fields = {"type": "LANGUAGE", "language_constant": google_language_constant(language_id)}
            out.add(f"language:{language_id}", "campaign", fields, source=code, what="language")

    for bucket in _age_buckets(t.ages, warnings):
        out.add(
            f"age_range:{bucket}",
            "ad_group",
            {"type": "AGE_RANGE", "age_range": bucket},
            source="",
            what="age",
        )

    if len(t.genders) == 1:
        gender = GOOGLE_GENDERS[t.genders[0]]
        out.add(
            f"gender:{gender}", "ad_group", {"type": "GENDER", "gender": gender}, source="", what="gender"
        )

    resolved = book.resolve("interest", [*t.interests, *t.exclude.interests])
    for negative, names in ((False, t.interests), (True, t.exclude.interests)):
        for name in names:
            if name.lower() not in resolved:
                unresolved.append(Unresolved("interest", name))
                continue
            interest_id = last_segment(resolved[name.lower()])
            fields = {"type": "USER_INTEREST", "user_interest": interest_id}
            prefix = "user_interest"
            if negative:
                fields["negative"] = True
                prefix = "negative_user_interest"
            out.add(f"{prefix}:{interest_id}", "ad_group", fields, source=name, what="interest")

    for negative, names in ((False, t.audiences), (True, t.exclude.audiences)):
        prefix = "negative_user_list" if negative else "user_list"
        for name in names:
            fields = {"type": "USER_LIST", "user_list": name}
            if negative:
                fields["negative"] = True
            out.add(f"{prefix}:{name}", "ad_group", fields, source=name, what="audience")

    return GoogleTargeting(out.sorted(), dedupe([*warnings, *out.warnings]), dedupe(unresolved))


def _exclusion_criteria(
    options: ExclusionOptions | CampaignTargetOptions, book: NameBook, own: Own = "negative"
) -> Iterator[tuple[str, int, str, str, dict[str, Any] | None]]:
    """(option, index, name as written, key, fields) of each criterion of ``options``' ``<own>_ages`` /
    ``_genders`` / ``_interests``; fields is None for an interest no resolver knows."""
    negative = own == "negative"
    prefix = "negative_" if negative else ""
    polarity: dict[str, Any] = {"negative": True} if negative else {}
    for part, kind, table in (("ages", "age_range", EXCLUDED_AGES), ("genders", "gender", EXCLUDED_GENDERS)):
        option = f"{own}_{part}"
        for index, label in enumerate(getattr(options, option)):
            value = table[label]
            fields = {"type": kind.upper(), kind: value, **polarity}
            yield option, index, label, f"{prefix}{kind}:{value}", fields
    option = f"{own}_interests"
    names = getattr(options, option)
    resolved = book.resolve("interest", names)
    for index, name in enumerate(names):
        if name.lower() not in resolved:
            yield option, index, name, "", None
            continue
        interest_id = last_segment(resolved[name.lower()])
        fields = {"type": "USER_INTEREST", "user_interest": interest_id, **polarity}
        yield option, index, name, f"{prefix}user_interest:{interest_id}", fields


def exclusions(
    options: ExclusionOptions | CampaignTargetOptions, book: NameBook, level: Level, own: Own = "negative"
) -> GoogleTargeting:
    """The criteria of a campaign's or an ad group's own exclusions (``options.negative_*``), or with
    ``own="campaign"`` of what a campaign itself targets (``options.campaign_*``), at ``level``, sorted by
    key; interests no resolver knows are returned in ``unresolved``."""
    out = _Criteria()
    unresolved: list[Unresolved] = []
    for option, _, label, key, fields in _exclusion_criteria(options, book, own):
        if fields is None:
            unresolved.append(Unresolved("interest", label))
        else:
            what = {"ages": "age range", "genders": "gender"}.get(option.split("_", 1)[1], "interest")
            out.add(key, level, fields, source=label, what=what)
    return GoogleTargeting(out.sorted(), dedupe(out.warnings), dedupe(unresolved))


def exclusion_clashes(
    options: ExclusionOptions, targeted: GoogleTargeting, book: NameBook
) -> list[tuple[str, int, str]]:
    """(option, index, message) for each of an ad group's own exclusions that its unified targeting
    (``targeted``, mapped by ``to_google``) also targets or already excludes. Google refuses to target
    and exclude one criterion in an ad group (``AdGroupCriterionError.CANNOT_TARGET_AND_EXCLUDE``, in the
    google-ads v26 ``errors/ad_group_criterion_error.proto``), and a criterion is one address: excluded
    twice it would be two resources of one key."""
    keys = {c.key for c in targeted.criteria if c.level == "ad_group"}
    clashes = []
    for option, index, label, key, fields in _exclusion_criteria(options, book):
        if fields is None:
            continue
        if key.removeprefix("negative_") in keys:
            clashes.append(
                (
                    option,
                    index,
                    f"found {label!r}, which the ad group's targeting also targets; expected an exclusion "
                    "the ad group does not target (Google refuses to target and exclude one criterion)",
                )
            )
        elif key in keys:
            clashes.append(
                (
                    option,
                    index,
                    f"found {label!r}, which the ad group's targeting.exclude.interests already excludes; "
                    "expected each excluded interest named once",
                )
            )
    return clashes


def _interest_of(fields: Mapping[str, Any], book: NameBook) -> tuple[str, str | None]:
    """A user interest criterion's interest id and its name (None when no resolver knows it)."""
    interest_id = last_segment(str(fields.get("user_interest") or ""))
    return interest_id, book.name_of("interest", interest_id)


def exclusions_from(
    criteria: Sequence[Mapping[str, Any]], book: NameBook, own: Own = "negative"
) -> tuple[dict[str, list[str]], list[str]]:
    """``exclusions`` reversed: the ``<own>_*`` options of a campaign's or an ad group's excluded (with
    ``own="campaign"``: a campaign's targeted) age range, gender and user interest criteria (in Google's
    order; interests by name), and a problem for each that cannot be named."""
    options: dict[str, list[str]] = {}
    problems: list[str] = []
    verb = "excludes" if own == "negative" else "targets"
    for fields in criteria:
        ctype = str(fields.get("type") or "").upper()
        if ctype == "USER_INTEREST":
            interest_id, name = _interest_of(fields, book)
            if name is None:
                problems.append(f"{verb} Google user interest {interest_id}, which has no known name")
            else:
                options.setdefault(f"{own}_interests", []).append(name)
            continue
        part, names = _EXCLUSION_OPTIONS[ctype]
        value = str(fields.get(ctype.lower()) or "").upper()
        if value in names:
            options.setdefault(f"{own}_{part}", []).append(names[value])
        else:
            problems.append(f"{verb} Google {ctype.lower().replace('_', ' ')} {value}, unknown to MIDAS")
    for part, table in (("ages", EXCLUDED_AGES), ("genders", EXCLUDED_GENDERS)):
        if f"{own}_{part}" in options:
            options[f"{own}_{part}"].sort(key=list(table).index)
    if f"{own}_interests" in options:
        options[f"{own}_interests"].sort(key=str.lower)
    return options, problems


def _age_buckets(ages: AgeRange, warnings: list[str]) -> list[str]:
    """The smallest run of buckets covering the range (none for the full range), warning when inexact."""
    low, high = ages.min, ages.max
    asked = format_age_range(low, high)
    if high is not None and high < low:
        warnings.append(f"age range {asked} is empty: no Google age criteria")
        return []
    if low < MIN_TARGETABLE_AGE:
        if high is not None and high < MIN_TARGETABLE_AGE:
            # Nothing is targetable: the youngest bucket limits delivery instead of widening to all ages.
            low, high = AGE_BUCKETS[0][1], AGE_BUCKETS[0][2]
            warnings.append(
                f"Google cannot target ages under {MIN_TARGETABLE_AGE}: {asked} becomes "
                f"{format_age_range(low, high)} (the youngest bucket)"
            )
        else:
            low = MIN_TARGETABLE_AGE
            warnings.append(
                f"Google cannot target ages under {MIN_TARGETABLE_AGE}: targeting "
                f"{format_age_range(low, high)} instead of {asked}"
            )
    chosen = [
        (name, first, last)
        for name, first, last in AGE_BUCKETS
        if (high is None or first <= high) and (last is None or last >= low)
    ]
    got_low, got_high = chosen[0][1], chosen[-1][2]
    if (got_low, got_high) != (low, high):
        warnings.append(
            f"Google age buckets cannot express {format_age_range(low, high)}: "
            f"targeting {format_age_range(got_low, got_high)} (superset)"
        )
    return [] if len(chosen) == len(AGE_BUCKETS) else [name for name, _, _ in chosen]


def unwritable_radii(criteria: Sequence[Mapping[str, Any]]) -> list[str]:
    """``criteria``'s proximity criteria the spec language cannot write (around a street address, excluded),
    described by their fields, which ``from_google`` leaves out. (Every location criterion has an entry: a
    place of no other kind is written by its geo target constant, ``location_entry``.)"""
    return [
        "proximity "
        + ", ".join(f"{k.removeprefix('proximity_')}={v}" for k, v in sorted(f.items()) if k != "type")
        + f" ({proximity_problem(f)})"
        for f in criteria
        if str(f.get("type")).upper() == "PROXIMITY" and unwritable_proximity(f)
    ]


def location_entry(geo: str, book: NameBook) -> str:
    """The entry of a location criterion's geo target constant: a country's ISO code, a DMA (``DMA:807``),
    the region, city or postal code ``book`` names it (``US-CA``, ``San Francisco, US-CA``, ``US:94103``),
    else the constant itself (``geoTargetConstants/9059413``: a county, a neighborhood …, Google's alone)."""
    named = book.name_of("location", geo)
    # How a platform describes a place of another kind (``describe_google_place``) is no entry.
    if named is not None and parse_place(canonical_location(named)) is None:
        named = None
    return google_geo_to_iso(geo) or dma_of_google_geo(geo) or named or google_geo_constant(geo)


def from_google(criteria: Sequence[Mapping[str, Any]], book: NameBook) -> tuple[Targeting, list[str]]:
    """Unified targeting read back from criterion fields (campaign and ad group level together).

    Keyword criteria are not targeting and are skipped; anything else the unified model cannot hold
    (undetermined age or gender, paused criteria, other criterion types, ids no table or resolver
    knows) is left out with a warning.
    """
    warnings: list[str] = []
    locations: list[str] = []
    excluded_locations: list[str] = []
    language_ids: set[int] = set()
    languages: list[str] = []
    ages: dict[bool, set[str]] = {False: set(), True: set()}
    genders: dict[bool, set[str]] = {False: set(), True: set()}
    interests: dict[bool, list[str]] = {False: [], True: []}
    audiences: dict[bool, list[str]] = {False: [], True: []}
    table = google_languages()

    for fields in criteria:
        ctype = str(fields.get("type") or "").upper()
        negative = bool(fields.get("negative"))
        status = str(fields.get("status") or "ENABLED").upper()
        if ctype == "KEYWORD" or status == "REMOVED":
            continue
        if status != "ENABLED":
            warnings.append(
                f"Google {ctype} criterion with status {status} is not unified targeting; ignored"
            )
            continue
        if ctype == "PROXIMITY":
            entry = proximity_entry(fields)
            if entry is None:
                warnings.append(
                    "Google proximity criterion is no radius around a city, a street address or a point; "
                    "ignored"
                )
            else:
                (excluded_locations if negative else locations).append(entry)
        elif ctype == "LOCATION":
            geo = str(fields.get("geo_target_constant") or "")
            if not geo:
                warnings.append("Google location criterion names no geo target constant; ignored")
            else:
                (excluded_locations if negative else locations).append(location_entry(geo, book))
        elif ctype == "LANGUAGE":
            constant = str(fields.get("language_constant") or "")
            language_id = platform_numeric_id(constant)
            known = table.by_id.get(language_id) if language_id is not None else None
            if negative:
                warnings.append(f"Google cannot exclude languages: negative {constant} ignored")
            elif known is not None and known.iso:
                language_ids.add(known.id)
            elif (name := book.name_of("language", constant)) is not None:
                languages.append(name)
            else:
                warnings.append(f"Google language {constant} is not in the language table; ignored")
        elif ctype == "AGE_RANGE":
            bucket = str(fields.get("age_range") or "").upper()
            if bucket in _BUCKET_NAMES:
                ages[negative].add(bucket)
            else:
                label = "undetermined age" if bucket == AGE_RANGE_UNDETERMINED else f"age range {bucket}"
                warnings.append(f"unified targeting cannot express Google {label}; ignored")
        elif ctype == "GENDER":
            gender = str(fields.get("gender") or "").upper()
            if gender in GOOGLE_GENDERS.values():
                genders[negative].add(gender)
            else:
                warnings.append(f"unified targeting cannot express Google gender {gender}; ignored")
        elif ctype == "USER_INTEREST":
            interest_id, name = _interest_of(fields, book)
            if name is None:
                warnings.append(f"Google user interest {interest_id} has no known name; ignored")
            else:
                interests[negative].append(name)
        elif ctype == "USER_LIST":
            name = str(fields.get("user_list") or "")
            if is_unnamed_audience(name):
                warnings.append(f"Google user list {name} {UNNAMED_AUDIENCE_IGNORED}")
            else:
                audiences[negative].append(name)
        else:
            warnings.append(f"Google {ctype or 'untyped'} criterion has no unified equivalent; ignored")

    for iso in sorted({table.by_id[i].iso or "" for i in language_ids}):
        languages.append(iso)
        if not table.is_complete(iso, language_ids):
            parts = ", ".join(table.by_id[i].name for i in sorted(language_ids) if table.by_id[i].iso == iso)
            warnings.append(f"Google languages {parts} cover only part of {iso!r}: read as {iso!r}")

    result = Targeting(
        ages=_ages_from_buckets(ages[False], ages[True], warnings),
        genders=_genders_from(genders[False], genders[True], warnings),
        locations=locations,
        languages=languages,
        interests=interests[False],
        audiences=audiences[False],
        exclude=Exclusions(
            locations=excluded_locations, interests=interests[True], audiences=audiences[True]
        ),
    )
    return canonical_targeting(result), sorted(dedupe(warnings))


def _ages_from_buckets(included: set[str], excluded: set[str], warnings: list[str]) -> AgeRange:
    chosen = (included or set(_BUCKET_NAMES)) - excluded
    if not chosen:
        warnings.append("every Google age bucket is excluded: read as the full age range")
        return AgeRange()
    index = sorted(_BUCKET_NAMES.index(name) for name in chosen)
    low, high = AGE_BUCKETS[index[0]][1], AGE_BUCKETS[index[-1]][2]
    if index != list(range(index[0], index[-1] + 1)):
        listed = ", ".join(format_age_range(AGE_BUCKETS[i][1], AGE_BUCKETS[i][2]) for i in index)
        warnings.append(
            f"Google age buckets {listed} are not contiguous: "
            f"read as {format_age_range(low, high)} (superset)"
        )
    return AgeRange(min=low, max=high)


def _genders_from(included: set[str], excluded: set[str], warnings: list[str]) -> list[Gender]:
    chosen = (included or set(GOOGLE_GENDERS.values())) - excluded
    if not chosen:
        warnings.append("every Google gender is excluded: read as all genders")
    return [unified for unified, native in GOOGLE_GENDERS.items() if native in chosen]
