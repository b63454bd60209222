"""Targeting mapper: unified targeting ↔ Google criteria ↔ Meta targeting spec; similarity."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midas_reconcile.resources import FIELDS
from midas_reconcile.spec import GoogleAgeBucket, GoogleGender, GoogleOptions, Targeting
from midas_reconcile.targeting import (
    AGE_BUCKETS,
    WEIGHTS,
    GoogleCriterion,
    Narrowing,
    TargetingMapper,
    canonical_targeting,
    google_geo_to_iso,
    iso_to_google_geo,
    normalize_meta_targeting,
    similarity,
)
from midas_reconcile.targeting.google import EXCLUDED_AGES, EXCLUDED_GENDERS
from midas_reconcile.targeting.meta_placements import (
    placed_of,
    placement_targeting,
    placements_spec,
    unknown_positions,
    unplaced_positions,
)
from midas_reconcile.targeting.tables import countries, google_languages, meta_locales

# -- fake resolvers ------------------------------------------------------------------------------

GOOGLE_IDS: dict[str, dict[str, str]] = {
    "location": {
        "US-CA": "21137",
        "US-NY": "geoTargetConstants/21167",
        "DE-BY": "20228",
        "San Francisco, US-CA": "1014221",
        "Paris, FR": "1006094",
        "US:94103": "9031927",
        "US:94110": "9031934",
    },
    "interest": {"Running": "92948", "Yoga": "80", "Cooking": "75", "Jogging": "92948"},
    "language": {"eo": "1111"},
}
META_IDS: dict[str, dict[str, str]] = {
    "location": {
        "US-CA": "3847",
        "US-NY": "3875",
        "DE-BY": "1234",
        "San Francisco, US-CA": "2421836",
        "Paris, FR": "2881638",
        "US:94103": "US:94103",
        "US:94110": "US:94110",
    },
    "interest": {"Running": "6003", "Yoga": "6004", "Cooking": "6005", "Jogging": "6003"},
    "language": {"xh": "99"},
}


class FakeResolver:
    """Answers from a fixed table, case-insensitively (as the platforms' searches do); records calls."""

    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        self.table = table
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    def __call__(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        self.calls.append((kind, tuple(names)))
        known = {k.lower(): (k, v) for k, v in self.table.get(kind, {}).items()}
        # Answer with the platform's own spelling of the name, like a real targeting search.
        return {known[n.lower()][0]: known[n.lower()][1] for n in names if n.lower() in known}


def mapper() -> TargetingMapper:
    return TargetingMapper(FakeResolver(GOOGLE_IDS), FakeResolver(META_IDS))


def targeting(**data: Any) -> Targeting:
    return Targeting.model_validate(data)


def keys(criteria: list[GoogleCriterion]) -> list[str]:
    return [c.key for c in criteria]


# -- Google: ages, genders -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "buckets", "warnings"),
    [
        (18, None, [], []),
        (18, 65, [], []),
        (25, 34, ["25_34"], []),
        (65, None, ["65_UP"], []),
        (55, 65, ["55_64", "65_UP"], []),
        (18, 64, ["18_24", "25_34", "35_44", "45_54", "55_64"], []),
        (
            30,
            50,
            ["25_34", "35_44", "45_54"],
            ["Google age buckets cannot express 30–50: targeting 25–54 (superset)"],
        ),
        (40, 40, ["35_44"], ["Google age buckets cannot express 40–40: targeting 35–44 (superset)"]),
        (
            60,
            None,
            ["55_64", "65_UP"],
            ["Google age buckets cannot express 60–65+: targeting 55–65+ (superset)"],
        ),
        (13, None, [], ["Google cannot target ages under 18: targeting 18–65+ instead of 13–65+"]),
        # Every bucket: no criteria, so 18–20 (and undetermined ages) are served too.
        (21, None, [], ["Google age buckets cannot express 21–65+: targeting 18–65+ (superset)"]),
        (20, 65, [], ["Google age buckets cannot express 20–65+: targeting 18–65+ (superset)"]),
        (
            16,
            30,
            ["18_24", "25_34"],
            [
                "Google cannot target ages under 18: targeting 18–30 instead of 16–30",
                "Google age buckets cannot express 18–30: targeting 18–34 (superset)",
            ],
        ),
        (
            13,
            17,
            ["18_24"],
            ["Google cannot target ages under 18: 13–17 becomes 18–24 (the youngest bucket)"],
        ),
    ],
)
def test_google_age_buckets(low: int, high: int | None, buckets: list[str], warnings: list[str]) -> None:
    result = mapper().to_google(targeting(ages={"min": low, "max": high}, locations=["US"]))
    assert [c.key for c in result.criteria if c.level == "ad_group"] == [
        f"age_range:AGE_RANGE_{b}" for b in buckets
    ]
    for criterion in result.criteria:
        if criterion.level == "ad_group":
            assert criterion.fields == {"type": "AGE_RANGE", "age_range": criterion.key.split(":")[1]}
    assert result.warnings == warnings
    assert result.unresolved == []


@pytest.mark.parametrize(
    ("genders", "expected"),
    [
        ([], []),
        (["male"], [GoogleCriterion("gender:MALE", "ad_group", {"type": "GENDER", "gender": "MALE"})]),
        (["female"], [GoogleCriterion("gender:FEMALE", "ad_group", {"type": "GENDER", "gender": "FEMALE"})]),
        (["female", "male"], []),
        (
            ["male", "male"],
            [GoogleCriterion("gender:MALE", "ad_group", {"type": "GENDER", "gender": "MALE"})],
        ),
    ],
)
def test_google_genders(genders: list[str], expected: list[GoogleCriterion]) -> None:
    assert mapper().to_google(targeting(genders=genders)).criteria == expected


# -- Google: locations, languages, interests, exclusions ---------------------------------------------


def test_google_criteria_levels_fields_and_order() -> None:
    result = mapper().to_google(
        targeting(
            ages={"min": 25, "max": 34},
            genders=["female"],
            locations=["us", "US-CA"],
            languages=["en", "zh", "he"],
            interests=["running"],
            exclude={"locations": ["DE", "US-NY"], "interests": ["Yoga"]},
        )
    )
    assert result.criteria == [
        GoogleCriterion(
            "age_range:AGE_RANGE_25_34", "ad_group", {"type": "AGE_RANGE", "age_range": "AGE_RANGE_25_34"}
        ),
        GoogleCriterion("gender:FEMALE", "ad_group", {"type": "GENDER", "gender": "FEMALE"}),
        GoogleCriterion(
            "negative_user_interest:80",
            "ad_group",
            {"type": "USER_INTEREST", "user_interest": "80", "negative": True},
        ),
        GoogleCriterion(
            "user_interest:92948", "ad_group", {"type": "USER_INTEREST", "user_interest": "92948"}
        ),
        GoogleCriterion(
            "language:1000", "campaign", {"type": "LANGUAGE", "language_constant": "languageConstants/1000"}
        ),
        GoogleCriterion(
            "language:1017", "campaign", {"type": "LANGUAGE", "language_constant": "languageConstants/1017"}
        ),
        GoogleCriterion(
            "language:1018", "campaign", {"type": "LANGUAGE", "language_constant": "languageConstants/1018"}
        ),
        GoogleCriterion(
            "language:1027", "campaign", {"type": "LANGUAGE", "language_constant": "languageConstants/1027"}
        ),
        GoogleCriterion(
            "location:21137",
            "campaign",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/21137"},
        ),
        GoogleCriterion(
            "location:2840",
            "campaign",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"},
        ),
        GoogleCriterion(
            "negative_location:21167",
            "campaign",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/21167", "negative": True},
        ),
        GoogleCriterion(
            "negative_location:2276",
            "campaign",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2276", "negative": True},
        ),
    ]
    assert result.warnings == []
    assert result.unresolved == []
    for criterion in result.criteria:
        kind = "campaign_criterion" if criterion.level == "campaign" else "ad_group_criterion"
        assert set(criterion.fields) <= FIELDS[("google", kind)]


def test_google_full_default_targeting_emits_nothing() -> None:
    result = mapper().to_google(Targeting())
    assert (result.criteria, result.warnings, result.unresolved) == ([], [], [])


def test_google_unresolved_names_are_reported_not_raised() -> None:
    result = TargetingMapper().to_google(
        targeting(
            locations=["US", "US-CA", "XX"],
            languages=["en", "qq"],
            interests=["Running"],
            exclude={"interests": ["Foo"]},
        )
    )
    assert keys(result.criteria) == ["language:1000", "location:2840"]
    assert result.unresolved == [
        "location 'US-CA'",
        "location 'XX'",
        "language 'qq'",
        "interest 'Running'",
        "interest 'Foo'",
    ]


def test_google_campaign_exclusions_are_negative_campaign_criteria_and_read_back() -> None:
    options = GoogleOptions(
        negative_ages=["65+", "18-24", "undetermined"],
        negative_genders=["undetermined", "male"],
        negative_interests=["Yoga", "running", "Unknown hobby"],
    )
    result = mapper().google_exclusions(options, "campaign")
    assert [(c.key, c.level, c.fields) for c in result.criteria] == [
        (
            f"negative_{kind.lower()}:{value}",
            "campaign",
            {"type": kind, kind.lower(): value, "negative": True},
        )
        for kind, value in (
            ("AGE_RANGE", "AGE_RANGE_18_24"),
            ("AGE_RANGE", "AGE_RANGE_65_UP"),
            ("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
            ("GENDER", "MALE"),
            ("GENDER", "UNDETERMINED"),
            ("USER_INTEREST", "80"),
            ("USER_INTEREST", "92948"),
        )
    ]
    assert (result.warnings, result.unresolved) == ([], ["interest 'Unknown hobby'"])
    # Read back (names as the spec spelled them; Google's order), and what cannot be named is a problem.
    read = [c.fields for c in result.criteria]
    unknown = [
        {"type": "USER_INTEREST", "user_interest": "4242", "negative": True},
        {"type": "GENDER", "gender": "OTHER", "negative": True},
    ]
    assert mapper_that_resolved(options).google_exclusions_from([*read, *unknown]) == (
        {
            "negative_ages": ["18-24", "65+", "undetermined"],
            "negative_genders": ["male", "undetermined"],
            "negative_interests": ["running", "Yoga"],
        },
        [
            "excludes Google user interest 4242, which has no known name",
            "excludes Google gender OTHER, unknown to MIDAS",
        ],
    )


def mapper_that_resolved(options: GoogleOptions) -> TargetingMapper:
    """A mapper that resolved ``options``' exclusions already (so it names their ids back)."""
    resolved = mapper()
    resolved.google_exclusions(options, "campaign")
    return resolved


@pytest.mark.parametrize(
    ("targeted", "excluded", "clashes"),
    [
        # Excluding what the targeting leaves out, or the undetermined it cannot target: no clash.
        ({"ages": {"min": 25, "max": 44}}, {"negative_ages": ["18-24", "undetermined"]}, []),
        ({"genders": ["female"]}, {"negative_genders": ["male", "undetermined"]}, []),
        ({"interests": ["Yoga"]}, {"negative_interests": ["Running"]}, []),
        # A bucket the targeted range covers, the one targeted gender, a targeted or excluded interest.
        ({"ages": {"min": 25, "max": 40}}, {"negative_ages": ["35-44"]}, [("negative_ages", 0)]),
        ({"genders": ["male"]}, {"negative_genders": ["female", "male"]}, [("negative_genders", 1)]),
        ({"interests": ["yoga"]}, {"negative_interests": ["Yoga"]}, [("negative_interests", 0)]),
        ({"exclude": {"interests": ["Yoga"]}}, {"negative_interests": ["yoga"]}, [("negative_interests", 0)]),
    ],
)
def test_google_ad_group_exclusions_clash_with_what_its_targeting_maps_to(
    targeted: dict[str, Any], excluded: dict[str, list[str]], clashes: list[tuple[str, int]]
) -> None:
    m = mapper()
    options = GoogleOptions.model_validate(excluded)
    assert [c.level for c in m.google_exclusions(options, "ad_group").criteria] == ["ad_group"] * sum(
        len(v) for v in excluded.values()
    )
    found = m.google_exclusion_clashes(options, m.to_google(targeting(**targeted)))
    assert [(option, index) for option, index, _ in found] == clashes


def test_google_campaign_exclusion_names_are_the_spec_literals() -> None:
    """The spec's literals and the mapper's tables name the same buckets and genders."""
    assert list(EXCLUDED_AGES) == list(get_args(GoogleAgeBucket))
    assert list(EXCLUDED_GENDERS) == list(get_args(GoogleGender))
    assert set(EXCLUDED_AGES.values()) == {name for name, _, _ in AGE_BUCKETS} | {"AGE_RANGE_UNDETERMINED"}


def test_google_language_outside_the_table_goes_through_the_resolver() -> None:
    result = mapper().to_google(targeting(languages=["eo"]))
    assert result.criteria == [
        GoogleCriterion(
            "language:1111", "campaign", {"type": "LANGUAGE", "language_constant": "languageConstants/1111"}
        )
    ]


def test_google_resolution_is_case_insensitive_and_batched_per_kind() -> None:
    resolver = FakeResolver(GOOGLE_IDS)
    mapped = TargetingMapper(google_resolver=resolver).to_google(
        targeting(
            locations=["us-ca"],
            exclude={"locations": ["US-NY"], "interests": ["YOGA"]},
            interests=["running", "Running"],
        )
    )
    assert keys(mapped.criteria) == [
        "negative_user_interest:80",
        "user_interest:92948",
        "location:21137",
        "negative_location:21167",
    ]
    assert resolver.calls == [("location", ("US-CA", "US-NY")), ("interest", ("running", "YOGA"))]


def test_google_two_names_for_one_interest_warn() -> None:
    result = mapper().to_google(targeting(interests=["Running", "Jogging"]))
    assert keys(result.criteria) == ["user_interest:92948"]
    assert result.warnings == [
        "interests 'Jogging' and 'Running' are the same Google interest (92948): one criterion"
    ]


# -- Meta -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ages", "genders", "expected", "warnings"),
    [
        ({}, [], {"age_min": 18, "age_max": 65}, []),
        ({"min": 30, "max": 50}, ["male"], {"age_min": 30, "age_max": 50, "genders": [1]}, []),
        ({"min": 21, "max": 65}, ["female"], {"age_min": 21, "age_max": 65, "genders": [2]}, []),
        ({"min": 25, "max": None}, ["male", "female"], {"age_min": 25, "age_max": 65}, []),
        (
            {"min": 13, "max": None},
            [],
            {"age_min": 18, "age_max": 65},
            ["Meta cannot target ages under 18: targeting 18–65+ instead of 13–65+"],
        ),
        (
            {"min": 13, "max": 16},
            [],
            {"age_min": 18, "age_max": 18},
            ["Meta cannot target ages under 18: targeting 18–18 instead of 13–16"],
        ),
    ],
)
def test_meta_ages_and_genders(
    ages: dict[str, Any], genders: list[str], expected: dict[str, Any], warnings: list[str]
) -> None:
    result = mapper().to_meta(targeting(ages=ages, genders=genders, locations=["US"]))
    assert result.spec == {**expected, "geo_locations": {"countries": ["US"]}}
    assert result.warnings == warnings


def test_meta_geo_locales_interests_and_exclusions() -> None:
    result = mapper().to_meta(
        targeting(
            locations=["us", "US-CA", "CA"],
            languages=["ja", "en", "de"],
            interests=["running", "Cooking"],
            exclude={"locations": ["US-NY", "MX"], "interests": ["yoga"]},
        )
    )
    assert result.spec == {
        "age_min": 18,
        "age_max": 65,
        "geo_locations": {"countries": ["CA", "US"], "regions": [{"key": "3847"}]},
        "excluded_geo_locations": {"countries": ["MX"], "regions": [{"key": "3875"}]},
        "locales": [5, 11, 70, 1001],
        "interests": [{"id": "6003", "name": "running"}, {"id": "6005", "name": "Cooking"}],
        "exclusions": {"interests": [{"id": "6004", "name": "yoga"}]},
    }
    assert result.warnings == []
    assert result.unresolved == []
    assert normalize_meta_targeting(result.spec) == result.spec


@pytest.mark.parametrize(
    ("language", "locales"),
    [
        ("en", [1001]),
        ("es", [1002]),
        ("fr", [1003]),
        ("zh", [1004]),
        ("pt", [1005]),
        ("no", [13, 84]),
        ("xh", [99]),
    ],
)
def test_meta_locales(language: str, locales: list[int]) -> None:
    assert mapper().to_meta(targeting(languages=[language], locations=["US"])).spec["locales"] == locales


def test_meta_unresolved_and_missing_location() -> None:
    result = TargetingMapper().to_meta(
        targeting(languages=["qq"], interests=["Running"], exclude={"locations": ["US-CA"]})
    )
    assert result.unresolved == ["location 'US-CA'", "language 'qq'", "interest 'Running'"]
    assert result.warnings == [
        "Meta ad sets need at least one location or audience; the targeting names neither"
    ]
    assert result.spec == {"age_min": 18, "age_max": 65}


def test_meta_two_names_for_one_interest_warn() -> None:
    result = mapper().to_meta(targeting(locations=["US"], interests=["Running", "Jogging"]))
    assert result.spec["interests"] == [{"id": "6003", "name": "Jogging"}]
    assert result.warnings == ["interests 'Jogging' and 'Running' are the same Meta interest (6003)"]


# -- cities and postal codes ---------------------------------------------------------------------------


def test_cities_and_postal_codes_are_google_location_criteria_and_meta_cities_and_zips() -> None:
    t = targeting(
        locations=["San Francisco, US-CA", "us:94103", "US"], exclude={"locations": ["US:94110", "Paris, FR"]}
    )
    google = mapper().to_google(t)
    assert (google.unresolved, google.warnings) == ([], [])
    assert keys(google.criteria) == [
        "location:1014221",
        "location:2840",
        "location:9031927",
        "negative_location:1006094",
        "negative_location:9031934",
    ]
    meta = mapper().to_meta(t)
    assert meta.spec["geo_locations"] == {
        "countries": ["US"],
        "cities": [{"key": "2421836"}],
        "zips": [{"key": "US:94103"}],
    }
    assert meta.spec["excluded_geo_locations"] == {
        "cities": [{"key": "2881638"}],
        "zips": [{"key": "US:94110"}],
    }


def test_a_city_no_resolver_knows_is_unresolved_on_both_platforms() -> None:
    t = targeting(locations=["Atlantis, US-NJ", "US:00000"])
    for mapped in (mapper().to_google(t), mapper().to_meta(t)):
        assert mapped.unresolved == ["location 'Atlantis, US-NJ'", "location 'US:00000'"]


# -- round trips ---------------------------------------------------------------------------------------

_COUNTRIES = ["US", "CA", "GB", "DE", "FR", "JP", "BR", "AU"]
_REGIONS = ["US-CA", "US-NY", "DE-BY"]
_CITIES_AND_POSTAL_CODES = ["San Francisco, US-CA", "Paris, FR", "US:94103", "US:94110"]
_INTERESTS = ["Running", "Yoga", "Cooking"]
_locations = st.lists(
    st.sampled_from(_COUNTRIES + _REGIONS + _CITIES_AND_POSTAL_CODES), unique=True, max_size=4
)
_interests = st.lists(st.sampled_from(_INTERESTS), unique=True, max_size=2)
_genders = st.lists(st.sampled_from(["male", "female"]), unique=True)


@st.composite
def google_exact(draw: st.DrawFn) -> Targeting:
    """Unified targetings Google expresses exactly: bucket-aligned ages, table languages, known names."""
    first = draw(st.integers(0, len(AGE_BUCKETS) - 1))
    last = draw(st.integers(first, len(AGE_BUCKETS) - 1))
    isos = sorted({lang.iso for lang in google_languages().by_id.values() if lang.iso})
    return targeting(
        ages={"min": AGE_BUCKETS[first][1], "max": AGE_BUCKETS[last][2]},
        genders=draw(_genders),
        locations=draw(_locations),
        languages=draw(st.lists(st.sampled_from(isos), unique=True, max_size=3)),
        interests=draw(_interests),
        exclude={"locations": draw(_locations), "interests": draw(_interests)},
    )


@st.composite
def meta_exact(draw: st.DrawFn) -> Targeting:
    """Unified targetings Meta expresses exactly: ages 18–65+, table languages, known names."""
    low = draw(st.integers(18, 65))
    high = draw(st.one_of(st.none(), st.integers(low, 65)))
    isos = sorted(meta_locales().full)
    return targeting(
        ages={"min": low, "max": high},
        genders=draw(_genders),
        locations=draw(_locations.filter(bool)),
        languages=draw(st.lists(st.sampled_from(isos), unique=True, max_size=3)),
        interests=draw(_interests),
        exclude={"locations": draw(_locations), "interests": draw(_interests)},
    )


@settings(max_examples=100, deadline=None)
@given(google_exact())
def test_google_round_trip_is_exact(t: Targeting) -> None:
    m = mapper()
    mapped = m.to_google(t)
    assert mapped.warnings == [] and mapped.unresolved == []
    fields = [c.fields for c in reversed(mapped.criteria)]  # order of live reads must not matter
    assert m.from_google(fields) == (canonical_targeting(t), [])


@settings(max_examples=100, deadline=None)
@given(meta_exact())
def test_meta_round_trip_is_exact(t: Targeting) -> None:
    m = mapper()
    mapped = m.to_meta(t)
    assert mapped.warnings == [] and mapped.unresolved == []
    assert m.from_meta(mapped.spec) == (canonical_targeting(t), [])


def test_round_trip_through_a_fresh_mapper_seeded_with_known_ids() -> None:
    t = targeting(locations=["US-CA"], interests=["Running"], genders=["male"])
    criteria = [c.fields for c in mapper().to_google(t).criteria]
    fresh = TargetingMapper()
    fresh.remember("google", "location", {"US-CA": "21137"})
    fresh.remember("google", "interest", {"Running": "92948"})
    assert fresh.from_google(criteria) == (canonical_targeting(t), [])
    with pytest.raises(ValueError, match="unknown platform"):
        fresh.remember("bing", "location", {})


# -- reading back what the unified model cannot hold ------------------------------------------------


def _age(bucket: str, negative: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": "AGE_RANGE", "age_range": bucket}
    return {**fields, "negative": True} if negative else fields


@pytest.mark.parametrize(
    ("criteria", "expected", "warnings"),
    [
        ([_age("AGE_RANGE_25_34"), _age("AGE_RANGE_35_44")], {"ages": {"min": 25, "max": 44}}, []),
        (
            [_age("AGE_RANGE_18_24", negative=True), _age("AGE_RANGE_65_UP", negative=True)],
            {"ages": {"min": 25, "max": 64}},
            [],
        ),
        (
            [_age("AGE_RANGE_18_24"), _age("AGE_RANGE_45_54")],
            {"ages": {"min": 18, "max": 54}},
            ["Google age buckets 18–24, 45–54 are not contiguous: read as 18–54 (superset)"],
        ),
        (
            [_age("AGE_RANGE_UNDETERMINED"), _age("AGE_RANGE_65_UP")],
            {"ages": {"min": 65, "max": None}},
            ["unified targeting cannot express Google undetermined age; ignored"],
        ),
        ([{"type": "GENDER", "gender": "MALE", "negative": True}], {"genders": ["female"]}, []),
        (
            [{"type": "GENDER", "gender": "UNDETERMINED"}],
            {},
            ["unified targeting cannot express Google gender UNDETERMINED; ignored"],
        ),
        (
            [{"type": "LANGUAGE", "language_constant": "languageConstants/1017"}],
            {"languages": ["zh"]},
            ["Google languages Chinese (simplified) cover only part of 'zh': read as 'zh'"],
        ),
        (  # a place no resolver names (a county …) is written by its geo target constant, Google's alone
            [{"type": "LOCATION", "geo_target_constant": "geoTargetConstants/1014221"}],
            {"locations": ["geoTargetConstants/1014221"]},
            [],
        ),
        (
            [{"type": "LOCATION", "geo_target_constant": "geoTargetConstants/9059413", "negative": True}],
            {"exclude": {"locations": ["geoTargetConstants/9059413"]}},
            [],
        ),
        (
            [{"type": "LOCATION"}],
            {},
            ["Google location criterion names no geo target constant; ignored"],
        ),
        (
            [{"type": "USER_INTEREST", "user_interest": "customers/1/userInterests/555"}],
            {},
            ["Google user interest 555 has no known name; ignored"],
        ),
        (
            [{"type": "GENDER", "gender": "FEMALE", "status": "PAUSED"}],
            {},
            ["Google GENDER criterion with status PAUSED is not unified targeting; ignored"],
        ),
        ([{"type": "GENDER", "gender": "FEMALE", "status": "REMOVED"}], {}, []),
        ([{"type": "KEYWORD", "keyword_text": "shoes", "keyword_match_type": "EXACT"}], {}, []),
        ([{"type": "PLACEMENT"}], {}, ["Google PLACEMENT criterion has no unified equivalent; ignored"]),
        (
            [{"type": "LANGUAGE", "language_constant": "languageConstants/1000", "negative": True}],
            {},
            ["Google cannot exclude languages: negative languageConstants/1000 ignored"],
        ),
    ],
)
def test_from_google_warnings(
    criteria: list[dict[str, Any]], expected: dict[str, Any], warnings: list[str]
) -> None:
    assert TargetingMapper().from_google(criteria) == (canonical_targeting(targeting(**expected)), warnings)


@pytest.mark.parametrize(
    ("spec", "expected", "warnings"),
    [
        (
            {"geo_locations": {"countries": ["US"]}, "locales": [6]},
            {"locations": ["US"], "languages": ["en"]},
            ["Meta locales English (US) cover only part of 'en': read as 'en'"],
        ),
        (
            {"geo_locations": {"countries": ["US"]}, "locales": [6, 24, 1001]},
            {"locations": ["US"], "languages": ["en"]},
            [],
        ),
        (
            {"geo_locations": {"countries": ["US"], "cities": [{"key": "2420379", "radius": 10}]}},
            {"locations": ["US"]},
            [
                "Meta geo_locations.cities[].radius (a radius around a city) has no unified equivalent; "
                "ignored"
            ],
        ),
        (
            {
                "geo_locations": {
                    "cities": [{"key": "2420379", "name": "Los Angeles", "distance_unit": "mile"}],
                    "zips": [{"key": "US:94103", "name": "94103"}],
                },
                "excluded_geo_locations": {"zips": [{"key": "US:94110"}]},
            },
            {"locations": ["US:94103"], "exclude": {"locations": ["US:94110"]}},
            ["Meta city 2420379 (Los Angeles) in geo_locations has no known entry; ignored"],
        ),
        (
            {"geo_locations": {"regions": [{"key": "9999", "name": "Bavaria"}]}},
            {},
            ["Meta region 9999 (Bavaria) in geo_locations has no known ISO code; ignored"],
        ),
        (
            {"geo_locations": {"countries": ["US"]}, "interests": [{"id": "1", "name": "Hiking"}]},
            {"locations": ["US"], "interests": ["Hiking"]},
            [],
        ),
        (
            {
                "geo_locations": {"countries": ["US"]},
                "custom_audiences": [{"id": "5"}],
                "publisher_platforms": ["facebook"],
            },
            {"locations": ["US"]},
            [
                "Meta custom audience 5 in custom_audiences is not an audience MIDAS can name (none of the "
                "account's, or one whose name another shares); ignored"
            ],
        ),
        (
            {"flexible_spec": [{"interests": [{"id": "1"}]}, {"behaviors": [{"id": "2"}]}]},
            {},
            [
                "Meta flexible_spec group ['behaviors'] has no unified equivalent; ignored",
                "Meta flexible_spec group ['interests'] has no unified equivalent; ignored",
            ],
        ),
        (
            {"locales": [56], "targeting_automation": {"advantage_audience": 1}},
            {},
            [
                "Meta Advantage+ audience is on: delivery may reach beyond this targeting",
                "Meta locale 56 (Cebuano) has no ISO 639-1 code known here; ignored",
            ],
        ),
        (
            {"genders": [2], "age_min": 21, "age_max": 40},
            {"genders": ["female"], "ages": {"min": 21, "max": 40}},
            [],
        ),
    ],
)
def test_from_meta_warnings(spec: dict[str, Any], expected: dict[str, Any], warnings: list[str]) -> None:
    assert TargetingMapper().from_meta(spec) == (canonical_targeting(targeting(**expected)), warnings)


# -- normalize_meta_targeting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "kept"),
    [
        (
            {"geo_markets": [{"key": "UK_1", "name": "London"}]},
            {"geo_markets": [{"key": "UK_1", "name": "London"}]},
        ),
        (
            {"geo_markets": [{"key": "DMA_807", "name": "San Francisco", "market_type": "DMA"}]},
            {"geo_markets": [{"key": "DMA_807"}]},
        ),
        (
            {
                "custom_locations": [
                    {"address_string": "1 Main St", "radius": 10, "distance_unit": "mile", "country": "US"}
                ]
            },
            {"custom_locations": [{"address_string": "1 Main St", "radius": 10, "distance_unit": "mile"}]},
        ),
        (
            {
                "custom_locations": [
                    {
                        "address_string": "1 Main St",
                        "latitude": 1.5,
                        "longitude": 2,
                        "radius": 3,
                        "distance_unit": "mile",
                    }
                ]
            },
            {"custom_locations": [{"latitude": 1.5, "longitude": 2, "radius": 3, "distance_unit": "mile"}]},
        ),
    ],
    ids=[
        "a-market-no-dma-keeps-its-name",
        "a-dma-is-its-key",
        "a-pin-by-address-keeps-it",
        "a-pin-is-its-point",
    ],
)
def test_normalising_keeps_what_names_a_place_the_spec_cannot_write(
    entries: dict[str, Any], kept: dict[str, Any]
) -> None:
    """What an import's refusal names survives a connector's normalised read; a place MIDAS makes is its
    identity alone, so no diff of it sees Meta's description."""
    once = normalize_meta_targeting({"excluded_geo_locations": entries})
    assert once["excluded_geo_locations"] == kept
    assert normalize_meta_targeting(once) == once


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({}, {"age_min": 18, "age_max": 65}),
        ({"genders": [1, 2]}, {}),
        ({"genders": [2, 1, 2]}, {"genders": []}),
        ({"genders": [2, 2]}, {"genders": [2]}),
        (
            {"flexible_spec": [{"interests": [{"id": 7, "name": "B"}, {"id": "3", "name": "A"}]}]},
            {"interests": [{"id": "3", "name": "A"}, {"id": "7", "name": "B"}]},
        ),
        (
            {"interests": [{"id": 10, "name": "X"}, {"id": 9, "name": "Y"}]},
            {"interests": [{"id": "9", "name": "Y"}, {"id": "10", "name": "X"}]},
        ),
        ({"locales": [24, "6", 6]}, {"locales": [6, 24]}),
        (
            {"targeting_automation": {"advantage_audience": "1"}},
            {"targeting_automation": {"advantage_audience": 1}},
        ),
        (
            {"targeting_automation": {"advantage_audience": False}},
            {"targeting_automation": {"advantage_audience": 0}},
        ),
        (
            {"geo_locations": {"countries": ["us", "CA"], "location_types": ["recent", "home"]}},
            {"geo_locations": {"countries": ["CA", "US"]}},
        ),
        (
            {
                "geo_locations": {
                    "regions": [{"key": 3875, "name": "New York", "country": "US"}, {"key": "3847"}]
                }
            },
            {"geo_locations": {"regions": [{"key": "3847"}, {"key": "3875"}]}},
        ),
        (
            {"publisher_platforms": ["instagram", "facebook"]},
            {"publisher_platforms": ["facebook", "instagram"]},
        ),
        ({"exclusions": {}, "interests": [], "excluded_geo_locations": {"countries": []}}, {}),
    ],
)
def test_normalize_equivalences(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert normalize_meta_targeting(a) == normalize_meta_targeting(b)


@pytest.mark.parametrize(
    "spec",
    [
        # Several groups, or a group mixing interests with behaviours, are not plain interests.
        {"flexible_spec": [{"interests": [{"id": "1"}]}, {"interests": [{"id": "2"}]}]},
        {"flexible_spec": [{"interests": [{"id": "1"}], "behaviors": [{"id": "2"}]}]},
        {"interests": [{"id": "1"}], "flexible_spec": [{"interests": [{"id": "2"}]}]},
    ],
)
def test_normalize_keeps_flexible_spec_that_is_not_plain_interests(spec: dict[str, Any]) -> None:
    assert "flexible_spec" in normalize_meta_targeting(spec)


_IN_STATUS = {"publisher_platforms": ["instagram", "whatsapp"], "whatsapp_positions": ["status"]}


@pytest.mark.parametrize(
    ("spec", "kept"),
    [
        ({**_IN_STATUS, "user_age_unknown": True}, False),
        ({"publisher_platforms": ["instagram", "whatsapp"], "user_age_unknown": True}, False),
        ({**_IN_STATUS, "user_age_unknown": False}, True),
        ({"publisher_platforms": ["instagram"], "user_age_unknown": True}, True),
        ({"user_age_unknown": True}, True),
    ],
    ids=["status", "every-whatsapp-position", "turned-off", "off-whatsapp", "automatic-placements"],
)
def test_normalize_takes_user_age_unknown_on_beside_whatsapp_status_as_meta_s_default(
    spec: dict[str, Any], kept: bool
) -> None:
    """Meta turns ``user_age_unknown`` on where WhatsApp's Status is placed and none is set: no setting
    then."""
    once = normalize_meta_targeting(spec)
    assert ("user_age_unknown" in once) is kept
    assert normalize_meta_targeting(once) == once


def test_normalize_drops_meta_s_effective_placement_fields_it_works_out_itself() -> None:
    """``effective_*`` (``effective_publisher_platforms``, ``effective_whatsapp_positions`` …) are what Meta
    works out of the placements sent (facebook-business Targeting, read-only): never a difference."""
    sent = {"publisher_platforms": ["instagram", "whatsapp"], "whatsapp_positions": ["status"]}
    worked_out = {"effective_publisher_platforms": ["instagram"], "effective_whatsapp_positions": ["status"]}
    read = {**sent, **worked_out}
    assert normalize_meta_targeting(read) == normalize_meta_targeting(sent)


def test_normalize_does_not_modify_its_input() -> None:
    spec = {"genders": [2, 1], "flexible_spec": [{"interests": [{"id": 2}, {"id": 1}]}], "locales": [24, 6]}
    before = copy.deepcopy(spec)
    normalize_meta_targeting(spec)
    assert spec == before


_entity = st.fixed_dictionaries(
    {"id": st.one_of(st.integers(1, 50), st.integers(1, 50).map(str))},
    optional={"name": st.sampled_from(["A", "b", "C"])},
)
_raw_meta = st.fixed_dictionaries(
    {},
    optional={
        "age_min": st.integers(13, 65),
        "age_max": st.integers(18, 65),
        "genders": st.lists(st.sampled_from([1, 2])),
        "locales": st.lists(st.one_of(st.integers(1, 30), st.sampled_from(["6", "24"]))),
        "interests": st.lists(_entity, max_size=4),
        "flexible_spec": st.lists(
            st.dictionaries(
                st.sampled_from(["interests", "behaviors"]), st.lists(_entity, max_size=3), max_size=2
            ),
            max_size=2,
        ),
        "geo_locations": st.fixed_dictionaries(
            {},
            optional={
                "countries": st.lists(st.sampled_from(["US", "de", "FR"])),
                "regions": st.lists(
                    st.fixed_dictionaries({"key": st.integers(1, 9)}, optional={"name": st.just("R")})
                ),
                "location_types": st.lists(st.sampled_from(["home", "recent", "travel_in"]), unique=True),
            },
        ),
        "exclusions": st.fixed_dictionaries({}, optional={"interests": st.lists(_entity, max_size=3)}),
        "publisher_platforms": st.lists(st.sampled_from(["facebook", "instagram"])),
    },
)


@settings(max_examples=100, deadline=None)
@given(_raw_meta, st.randoms(use_true_random=False))
def test_normalize_is_idempotent_and_order_blind(spec: dict[str, Any], rnd: Any) -> None:
    once = normalize_meta_targeting(spec)
    assert normalize_meta_targeting(once) == once
    shuffled = copy.deepcopy(spec)
    for value in shuffled.values():
        if isinstance(value, list):
            rnd.shuffle(value)
    assert normalize_meta_targeting(shuffled) == once


# -- similarity --------------------------------------------------------------------------------------

_BASE = {"ages": {"min": 18, "max": 34}, "locations": ["US"], "languages": ["en"], "interests": ["Running"]}


@pytest.mark.parametrize(
    ("a", "b", "total", "dimension", "score"),
    [
        (_BASE, _BASE, 1.0, "age", 1.0),
        (_BASE, {**_BASE, "interests": ["running"], "locations": ["us"]}, 1.0, "interests", 1.0),
        ({}, {}, 1.0, "geo", 1.0),
        (_BASE, {**_BASE, "locations": ["DE"]}, 0.7, "geo", 0.0),
        (_BASE, {**_BASE, "locations": ["US", "CA"]}, 0.85, "geo", 0.5),
        (_BASE, {**_BASE, "ages": {"min": 25, "max": 44}}, 0.8426, "age", 0.3704),
        (_BASE, {**_BASE, "ages": {"min": 13, "max": None}}, 0.8302, "age", 0.3208),
        (_BASE, {**_BASE, "genders": ["male"]}, 0.925, "gender", 0.5),
        ({**_BASE, "genders": ["female"]}, {**_BASE, "genders": ["male"]}, 0.85, "gender", 0.0),
        (_BASE, {**_BASE, "genders": ["male", "female"]}, 1.0, "gender", 1.0),
        (_BASE, {**_BASE, "languages": []}, 0.9, "language", 0.0),
        (_BASE, {**_BASE, "exclude": {"locations": ["US-CA"]}}, 0.85, "geo", 0.5),
        (_BASE, {**_BASE, "exclude": {"interests": ["running"]}}, 0.9, "interests", 0.5),
        (
            {"ages": {"min": 18, "max": 24}, "locations": ["US"], "genders": ["male"]},
            {
                "ages": {"min": 55, "max": None},
                "locations": ["DE"],
                "genders": ["female"],
                "languages": ["de"],
            },
            0.2,
            "interests",
            1.0,
        ),
    ],
)
def test_similarity_table(
    a: dict[str, Any], b: dict[str, Any], total: float, dimension: str, score: float
) -> None:
    result = similarity(targeting(**a), targeting(**b))
    assert result.total == total
    assert result.dimensions[dimension] == score
    assert set(result.dimensions) == set(WEIGHTS)
    assert similarity(targeting(**b), targeting(**a)) == result
    assert mapper().similarity(targeting(**a), targeting(**b)) == result


@pytest.mark.parametrize(
    ("left_out", "dimension", "score"),
    [
        # 18–34 is 17 years; leaving out the 25–34 bucket leaves 18–24's 7 of them.
        (Narrowing(ages=frozenset({"25-34"})), "age", round(7 / 17, 4)),
        # Nobody's age or gender is "undetermined" in the unified sets: leaving them out changes nothing.
        (Narrowing(ages=frozenset({"undetermined"}), genders=frozenset({"undetermined"})), "age", 1.0),
        (Narrowing(genders=frozenset({"male"})), "gender", 0.5),
        (Narrowing(genders=frozenset({"male", "female"})), "gender", 0.0),
        # Left out on one side only: {running, -cycling} vs {running}.
        (Narrowing(interests=frozenset({"Cycling"})), "interests", 0.5),
    ],
)
def test_what_google_alone_leaves_out_narrows_its_side(
    left_out: Narrowing, dimension: str, score: float
) -> None:
    result = similarity(targeting(**_BASE), targeting(**_BASE), (left_out, Narrowing()))
    assert result.dimensions[dimension] == score
    assert result.total == round(1 - WEIGHTS[dimension] * (1 - score), 4)
    assert mapper().similarity(targeting(**_BASE), targeting(**_BASE), (Narrowing(), left_out)) == result


def test_similarity_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


# -- geo and language tables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "geo"),
    [
        ("US", "geoTargetConstants/2840"),
        ("CA", "geoTargetConstants/2124"),
        ("GB", "geoTargetConstants/2826"),
        ("DE", "geoTargetConstants/2276"),
        ("AF", "geoTargetConstants/2004"),
    ],
)
def test_country_geo_targets(iso: str, geo: str) -> None:
    assert iso_to_google_geo(iso) == geo
    assert iso_to_google_geo(iso.lower()) == geo
    assert google_geo_to_iso(geo) == iso
    assert google_geo_to_iso(geo.split("/")[1]) == iso


@pytest.mark.parametrize("value", ["US-CA", "XX", ""])
def test_iso_to_google_geo_rejects_non_countries(value: str) -> None:
    assert iso_to_google_geo(value) is None


@pytest.mark.parametrize("value", ["geoTargetConstants/21137", "geoTargetConstants/1000", "nonsense", ""])
def test_google_geo_to_iso_rejects_non_countries(value: str) -> None:
    assert google_geo_to_iso(value) is None


def test_country_table_is_complete_and_invertible() -> None:
    table = countries()
    assert len(table) == 249
    for code in table:
        geo = iso_to_google_geo(code)
        assert geo is not None and google_geo_to_iso(geo) == code


def test_language_tables_hold_the_checked_ids() -> None:
    google = {lang.iso: lang.id for lang in google_languages().by_id.values() if lang.iso != "zh"}
    expected = {
        "en": 1000,
        "de": 1001,
        "fr": 1002,
        "es": 1003,
        "it": 1004,
        "ja": 1005,
        "da": 1009,
        "nl": 1010,
    }
    expected |= {"fi": 1011, "ko": 1012, "no": 1013, "pt": 1014, "sv": 1015, "ar": 1019, "he": 1027}
    assert expected.items() <= google.items()
    assert google_languages().full["zh"] == (1017, 1018)
    locales = meta_locales().by_id
    assert (locales[6].name, locales[24].name, locales[1001].name) == (
        "English (US)",
        "English (UK)",
        "English (All)",
    )
    assert meta_locales().full["en"] == (1001,)


# -- picking a city or postal code among a platform's geo suggestions -----------------------------------
def _google(name: str, canonical: str, target_type: str = "City", country: str = "US") -> dict[str, str]:
    return {
        "id": f"{canonical}/{target_type}",
        "name": name,
        "canonical_name": canonical,
        "target_type": target_type,
        "country_code": country,
    }


_PORTLAND_OR = _google("Portland", "Portland,Oregon,United States")
_PORTLAND_ME = _google("Portland", "Portland,Maine,United States")
_PORTLAND_COUNTY = _google("Portland", "Portland,Oregon,United States", target_type="County")
_ZIP = _google("94103", "94103,California,United States", target_type="Postal Code")


@pytest.mark.parametrize(
    ("entry", "candidates", "picked"),
    [
        ("Portland, US-OR", [_PORTLAND_ME, _PORTLAND_COUNTY, _PORTLAND_OR], _PORTLAND_OR),
        ("portland, US-ME", [_PORTLAND_OR, _PORTLAND_ME], _PORTLAND_ME),
        ("Portland, US", [_PORTLAND_OR, _PORTLAND_ME], None),  # two cities of the name: ambiguous
        ("Portland, US", [_PORTLAND_OR, _PORTLAND_COUNTY], _PORTLAND_OR),
        ("Portland, CA", [_PORTLAND_OR], None),  # another country
        ("US:94103", [_PORTLAND_OR, _ZIP], _ZIP),
        ("GB:94103", [_ZIP], None),
    ],
)
def test_google_picks_the_one_constant_an_entry_names(
    entry: str, candidates: list[dict[str, str]], picked: dict[str, str] | None
) -> None:
    from midas_reconcile.targeting.places import city_or_postal_code, pick_google_constant

    place = city_or_postal_code(Targeting(locations=[entry]).locations[0])
    assert place is not None
    assert pick_google_constant(place, candidates) == picked


@pytest.mark.parametrize(
    ("constant", "entry"),
    [
        (_PORTLAND_OR, "Portland, US-OR"),
        (_google("Paris", "Paris,Ile-de-France,France", country="FR"), "Paris, FR"),  # a region MIDAS lacks
        (_google("Berlin", "Berlin,Germany", country="DE"), "Berlin, DE"),
        (_ZIP, "US:94103"),
        (_google("SW1A", "SW1A,England,United Kingdom", "Postal Code", "GB"), "GB:SW1A"),
        (_PORTLAND_COUNTY, None),
    ],
)
def test_a_google_city_or_postal_code_reads_back_as_its_entry(
    constant: dict[str, str], entry: str | None
) -> None:
    from midas_reconcile.targeting.places import google_place_entry

    assert google_place_entry(constant) == entry


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("Portland, US-OR", "2"),
        ("Portland, US", None),  # ambiguous
        ("Springfield, US-IL", None),
        ("US:97201", "US:97201"),
        ("CA:97201", None),
    ],
)
def test_meta_picks_the_one_search_row_an_entry_names(entry: str, key: str | None) -> None:
    from midas_reconcile.targeting.places import city_or_postal_code, pick_meta_location

    rows = [
        {"key": "1", "name": "Portland", "type": "city", "country_code": "US", "region": "Maine"},
        {"key": "2", "name": "Portland", "type": "city", "country_code": "US", "region": "Oregon"},
        {"key": "3", "name": "Portland", "type": "region", "country_code": "US"},
        {"key": "US:97201", "name": "97201", "type": "zip", "country_code": "US"},
    ]
    place = city_or_postal_code(entry)
    assert place is not None
    assert pick_meta_location(place, rows) == key


def test_a_city_written_within_its_country_names_the_candidates_each_platform_finds() -> None:
    from midas_reconcile.targeting.places import (
        ambiguity,
        city_or_postal_code,
        google_city_entries,
        meta_city_entries,
    )

    place = city_or_postal_code("Portland, US")
    assert place is not None
    google = google_city_entries(place, [_PORTLAND_OR, _PORTLAND_COUNTY, _PORTLAND_ME, _ZIP])
    meta = meta_city_entries(
        place,
        [
            {"key": "1", "name": "Portland", "type": "city", "country_code": "US", "region": "Maine"},
            {"key": "2", "name": "Portland", "type": "city", "country_code": "US", "region": "Oregon"},
            {"key": "3", "name": "Portland", "type": "region", "country_code": "US"},
            {"key": "4", "name": "Portland", "type": "city", "country_code": "AU", "region": "Victoria"},
        ],
    )
    assert google == meta == ["Portland, US-ME", "Portland, US-OR"]
    assert ambiguity(place, google, "meta account 'm'") == (
        " is ambiguous on meta account 'm': 2 cities of that name are in US ('Portland, US-ME' and "
        "'Portland, US-OR'); expected the city with its region, as in 'Portland, US-ME'"
    )
    assert ambiguity(place, ["Portland, US-OR"], "x") is None
    written_with_region = city_or_postal_code("Portland, US-OR")
    assert written_with_region is not None and ambiguity(written_with_region, google, "x") is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("25 MI around  san francisco, us-ca", "25 mi around san francisco, US-CA"),
        ("25.50 mi around Paris, fr", "25.5 mi around Paris, FR"),
        ("10.000 km around 37.77490, -122.4194", "10 km around 37.7749,-122.4194"),
        ("1 km around -0.5,+0", "1 km around -0.5,0"),
    ],
)
def test_a_radius_has_one_spelling(written: str, canonical: str) -> None:
    from midas_reconcile.spec._places import canonical_location, parse_place, parse_radius

    assert canonical_location(written) == canonical
    assert parse_radius(canonical) is not None and parse_place(canonical) is None
    assert Targeting(locations=[written]).locations == [canonical]


@pytest.mark.parametrize(
    ("outer", "inner", "covers"),
    [
        ("2 km around 37.77,-122.42", "1 km around 37.7749,-122.4194", True),  # 0.55 km apart: 1.55 <= 2
        ("2 km around 37.77,-122.42", "1.5 km around 37.7749,-122.4194", False),  # 2.05 km: reaches out
        ("2 km around 37.77,-122.42", "2 km around 37.77,-122.42", True),  # the same circle
        ("1 mi around 37.77,-122.42", "1.6 km around 37.77,-122.42", True),  # a mile is 1.609344 km
        ("1 mi around 37.77,-122.42", "1.61 km around 37.77,-122.42", False),
        ("2 km around 37.7793,-122.4193", "30 km around 37.7749,-122.4194", False),  # the competitor's store
        ("50 km around 0,179.9", "1 km around 0,-179.9", True),  # across the antimeridian: 22 km apart
        ("25 mi around San Francisco, US-CA", "1 km around 37.7749,-122.4194", False),  # no point: unknown
        ("2 km around 37.77,-122.42", "1 km around San Francisco, US-CA", False),
        # Around one city (geocoded to one point for both): the distances alone decide.
        ("20 mi around San Francisco, US-CA", "10 mi around san francisco, US-CA", True),
        ("20 mi around San Francisco, US-CA", "20 mi around San Francisco, US-CA", True),
        ("20 mi around San Francisco, US-CA", "33 km around San Francisco, US-CA", False),  # 20.5 mi
        ("10 mi around San Francisco, US-CA", "20 mi around San Francisco, US-CA", False),
        ("50 mi around San Francisco, US-CA", "10 mi around Oakland, US-CA", False),  # two cities: unknown
    ],
)
def test_a_radius_around_a_point_covers_another_it_holds_entirely(
    outer: str, inner: str, covers: bool
) -> None:
    from midas_reconcile.spec._places import parse_radius, radius_covers

    a, b = parse_radius(outer), parse_radius(inner)
    assert a is not None and b is not None
    assert radius_covers(a, b) is covers


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("15 mi around Oakland, US-CA", "15.0 mi around oakland,  US-CA", True),
        ("15 mi around Oakland, US", "15 mi around OAKLAND, US", True),
        ("15 mi around Oakland, US-CA", "15 mi around Oakland, US", None),
        ("15 mi around Oakland, US-CA", "15 mi around Oakland, US-NY", False),
        ("15 mi around Oakland, US-CA", "16 mi around Oakland, US-CA", False),
        ("15 mi around Oakland, US-CA", "15 km around Oakland, US-CA", False),
        ("15 mi around Oakland, US", "15 mi around Oakland, CA", False),
        ("2 km around 37.7749,-122.4194", "2 km around 37.77490, -122.4194", True),
        ("2 km around 37.7749,-122.4194", "2 km around 37.7749,-122.4195", False),
        ("2 km around 37.7749,-122.4194", "2 km around Oakland, US-CA", False),
        (
            "10 mi around 1 Main St, San Francisco, US-CA, US:94105",
            "10 mi around 1 main st,San Francisco, us-ca, US:94105",
            True,
        ),
        (
            "10 mi around 1 Main St, San Francisco, US-CA, US:94105",
            "10 mi around 2 Main St, San Francisco, US-CA, US:94105",
            False,
        ),
    ],
)
def test_two_radii_are_one_circle_by_distance_unit_and_centre_not_spelling(
    first: str, second: str, same: bool | None
) -> None:
    """``same_radius``: None where only resolving the city can tell (within its country, within a region)."""
    from midas_reconcile.spec._places import parse_radius, same_radius

    a, b = parse_radius(first), parse_radius(second)
    assert a is not None and b is not None
    assert same_radius(a, b) is same and same_radius(b, a) is same


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("25mi around San Francisco, US-CA", "25 mi around San Francisco, US-CA"),
        ("10KM around 37.7749,-122.4194", "10 km around 37.7749,-122.4194"),
        ("2.5km around Paris, FR", "2.5 km around Paris, FR"),
    ],
)
def test_a_radius_unit_may_be_written_against_its_distance(written: str, canonical: str) -> None:
    """``25mi`` is a distance and its unit, not a city named "25mi around San Francisco"."""
    from midas_reconcile.spec._codes import location_problem
    from midas_reconcile.spec._places import canonical_location, parse_place, parse_radius

    assert location_problem(written) is None
    assert canonical_location(written) == canonical and parse_radius(written) == parse_radius(canonical)
    assert parse_place(written) is None


@pytest.mark.parametrize(
    "written",
    ["25 miles-ish around Oakland, US-CA", "about 25 mi around Oakland, US-CA", "5 around 37.7749,-122.4194"],
)
def test_an_entry_with_around_that_is_no_radius_says_what_a_radius_is(written: str) -> None:
    from midas_reconcile.spec._codes import location_problem

    assert str(location_problem(written)).startswith(
        "; expected a radius as '<distance> <unit> around <city, point or street address>'"
    ) or "expected a radius in mi (miles) or km (kilometres)" in str(location_problem(written))


def test_a_meta_pin_the_spec_cannot_write_says_why() -> None:
    from midas_reconcile.targeting.meta import unexpressed_places

    pin = {"latitude": 37.7749295, "longitude": -122.4194155, "radius": 10, "distance_unit": "kilometer"}
    assert unexpressed_places({"geo_locations": {"custom_locations": [pin]}}) == [
        "geo_locations.custom_locations (a pin whose latitude or longitude has more decimal places than the "
        "6 the spec takes, as Google's micro-degrees do)"
    ]


#: A Google PROXIMITY criterion the spec writes (``5 mi around San Francisco, US``), to spoil field by field.
SAN_FRANCISCO_PROXIMITY: dict[str, Any] = {
    "type": "PROXIMITY",
    "proximity_radius": 5.0,
    "proximity_radius_units": "MILES",
    "proximity_city_name": "San Francisco",
    "proximity_country_code": "US",
}


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"proximity_radius": 12.345}, "a radius of more decimal places than the 2 the spec takes"),
        (
            {"proximity_street_address": "1 Market St"},
            "around a street address missing its city or its postal code",
        ),
        (
            {"negative": True},
            "excluded: Google is believed to take no negative proximity, and the spec excludes a radius on "
            "Meta alone",
        ),
    ],
)
def test_a_google_proximity_the_spec_cannot_say_is_named_with_why(fields: dict[str, Any], why: str) -> None:
    [unnamed] = TargetingMapper().google_unwritable_radii([{**SAN_FRANCISCO_PROXIMITY, **fields}])
    assert unnamed.startswith("proximity ") and unnamed.endswith(f" ({why})"), unnamed


@pytest.mark.parametrize(
    "entry",
    ["25 mi around San Francisco, US-CA", "10 km around 37.7749,-122.4194", "2.5 km around Paris, FR"],
)
def test_a_radius_round_trips_through_google_proximity_and_meta_geo_locations(entry: str) -> None:
    from midas_reconcile.spec._places import parse_radius
    from midas_reconcile.targeting.places import proximity_entry, proximity_fields

    radius = parse_radius(entry)
    assert radius is not None
    assert proximity_entry(proximity_fields(radius)) == entry
    mapper = TargetingMapper(meta_resolver=lambda kind, names: {n: "777" for n in names})
    meta = mapper.to_meta(Targeting(locations=[entry]))
    assert not meta.unresolved
    back, warnings = mapper.from_meta(meta.spec)
    assert back.locations == [entry] and not warnings


#: A radius excluded around a competitor's store: a custom location (a pin) in Meta's excluded places.
EXCLUDED_PIN = "2 km around 37.7749,-122.4194"
EXCLUDED_PIN_META = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}


def test_an_excluded_radius_around_a_point_is_a_meta_excluded_pin_and_reads_back() -> None:
    mapper = TargetingMapper()
    wanted = targeting(locations=["US"], exclude={"locations": [EXCLUDED_PIN]})
    meta = mapper.to_meta(wanted)
    assert not meta.unresolved and not meta.warnings
    assert meta.spec["excluded_geo_locations"] == {"custom_locations": [EXCLUDED_PIN_META]}
    # As Meta reads it back: with the address it found and the pin's own name.
    read = {
        **meta.spec,
        "excluded_geo_locations": {
            "custom_locations": [{**EXCLUDED_PIN_META, "address_string": "Market St", "country": "US"}]
        },
    }
    assert mapper.from_meta(read) == (canonical_targeting(wanted), [])


def test_an_excluded_radius_is_meta_s_alone_google_leaves_it_out_with_a_warning() -> None:
    google = TargetingMapper().to_google(targeting(locations=["US"], exclude={"locations": [EXCLUDED_PIN]}))
    assert keys(google.criteria) == ["location:2840"] and not google.unresolved
    assert google.warnings == [
        f"location {EXCLUDED_PIN!r}, excluded, is Meta's alone (Google is believed to take no negative "
        "proximity criterion); the Google campaign leaves it out"
    ]


def test_a_meta_excluded_radius_around_a_city_is_expressed_unless_its_unit_is_not_the_spec_s() -> None:
    from midas_reconcile.targeting.meta import unexpressed_places

    excluded = {"cities": [{"key": "777", "radius": 10, "distance_unit": "mile"}]}
    assert unexpressed_places({"excluded_geo_locations": excluded}) == []
    assert unexpressed_places({"excluded_geo_locations": {"custom_locations": [EXCLUDED_PIN_META]}}) == []
    furlongs = {"cities": [{"key": "777", "radius": 10, "distance_unit": "furlong"}]}
    assert unexpressed_places({"excluded_geo_locations": furlongs}) == [
        "excluded_geo_locations.cities[].radius (a radius around a city)"
    ]


#: A radius around a street address: its street, then its city's entry, then its postal code's.
ADDRESS_RADIUS = "10 mi around 1 Main St, Springfield, US-IL, US:62701"
#: That radius as a Google proximity (v26 AddressInfo, which Google geocodes), normalised.
ADDRESS_PROXIMITY: dict[str, Any] = {
    "type": "PROXIMITY",
    "proximity_radius": 10.0,
    "proximity_radius_units": "MILES",
    "proximity_street_address": "1 Main St",
    "proximity_city_name": "Springfield",
    "proximity_province_code": "IL",
    "proximity_postal_code": "62701",
    "proximity_country_code": "US",
}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        (ADDRESS_RADIUS, ADDRESS_RADIUS),
        ("10MI around  1 Main St,Springfield , us-il, us:62701", ADDRESS_RADIUS),
        (
            "5 km around Suite 4, 10 Rue X, Paris, FR, fr:75001",
            "5 km around Suite 4, 10 Rue X, Paris, FR, FR:75001",
        ),
    ],
)
def test_a_radius_around_a_street_address_has_one_spelling(written: str, canonical: str) -> None:
    from midas_reconcile.spec._codes import location_problem
    from midas_reconcile.spec._places import canonical_location, parse_radius

    assert location_problem(written) is None
    assert canonical_location(written) == canonical
    radius = parse_radius(canonical)
    assert radius is not None and radius.address is not None and radius.city is None
    assert radius.country == canonical.rsplit(":", 1)[0][-2:]


def test_a_street_address_whose_postal_code_is_of_another_country_is_refused() -> None:
    from midas_reconcile.spec._codes import location_problem

    assert "the postal code 'CA:62701' is of another country than the city 'Springfield, US-IL'" in str(
        location_problem("10 mi around 1 Main St, Springfield, US-IL, CA:62701")
    )


@pytest.mark.parametrize("street", [" , ", "1 Main St, "])
def test_a_street_address_with_an_empty_part_is_refused(street: str) -> None:
    from midas_reconcile.spec._codes import location_problem
    from midas_reconcile.spec._places import parse_radius

    entry = f"10 mi around {street}, Springfield, US-IL, US:62701"
    assert parse_radius(entry) is None
    expected = "expected a street address as its street, its city, then its postal code"
    assert expected in str(location_problem(entry))


def test_a_radius_around_a_street_address_round_trips_through_google_proximity() -> None:
    from midas_reconcile.spec._places import parse_radius
    from midas_reconcile.targeting.places import proximity_entry, proximity_fields

    radius = parse_radius(ADDRESS_RADIUS)
    assert radius is not None
    assert proximity_fields(radius) == ADDRESS_PROXIMITY
    assert proximity_entry(ADDRESS_PROXIMITY) == ADDRESS_RADIUS
    google = TargetingMapper().to_google(targeting(locations=[ADDRESS_RADIUS]))
    assert [c.fields for c in google.criteria] == [ADDRESS_PROXIMITY] and not google.unresolved
    assert TargetingMapper().from_google([ADDRESS_PROXIMITY]) == (targeting(locations=[ADDRESS_RADIUS]), [])
    assert TargetingMapper().google_unwritable_radii([ADDRESS_PROXIMITY]) == []
    # Without a postal code (or a city) the spec cannot write the address.
    no_postal = {k: v for k, v in ADDRESS_PROXIMITY.items() if k != "proximity_postal_code"}
    [unnamed] = TargetingMapper().google_unwritable_radii([no_postal])
    assert unnamed.endswith("(around a street address missing its city or its postal code)"), unnamed


def test_a_postal_code_is_read_only_beside_a_street_and_its_city() -> None:
    # Google may hold one with a city alone, or a labelled point: the radius is the city's or the point's,
    # as it was read before street addresses were, and what the spec writes has none to compare.
    from midas_reconcile.connectors.google_rows import proximity_row_fields

    address = {"city_name": "Oakland", "province_code": "CA", "country_code": "US", "postal_code": "94607"}
    city: dict[str, Any] = {"radius": 5.0, "radius_units": "MILES", "address": address}
    assert "proximity_postal_code" not in proximity_row_fields(city)
    at = {"latitude_in_micro_degrees": 37774900, "longitude_in_micro_degrees": -122419400}
    point = {"radius": 10.0, "radius_units": "KILOMETERS", "address": {"postal_code": "1"}, "geo_point": at}
    assert "proximity_postal_code" not in proximity_row_fields(point)
    street = {**city, "address": {**address, "street_address": "1 Main St"}}
    assert proximity_row_fields(street)["proximity_postal_code"] == "94607"


def test_google_proximity_the_spec_cannot_say_reads_as_none() -> None:
    from midas_reconcile.targeting.places import proximity_entry

    city = SAN_FRANCISCO_PROXIMITY
    assert proximity_entry(city) == "5 mi around San Francisco, US"
    assert proximity_entry({**city, "proximity_street_address": "1 Market St"}) is None
    assert proximity_entry({**city, "proximity_radius_units": "UNSPECIFIED"}) is None


def test_a_meta_pin_by_its_address_alone_is_unexpressed_saying_why() -> None:
    """A custom location Meta holds by its ``address_string`` and no point: the spec writes a pin by its point
    (Meta geocodes an address to one, and describes a pin made at a point with an address too)."""
    from midas_reconcile.targeting.meta import unexpressed_places

    pin = {"address_string": "1 Main St, San Francisco, CA 94105", "radius": 10, "distance_unit": "mile"}
    assert unexpressed_places({"excluded_geo_locations": {"custom_locations": [pin]}}) == [
        "excluded_geo_locations.custom_locations (a pin by its address_string alone, '1 Main St, San "
        "Francisco, CA 94105', without the latitude and longitude Meta geocodes it to: the spec writes a pin "
        "by its point, as '10 mi around 37.7749,-122.4194')"
    ]


@pytest.mark.parametrize(
    "empty", [{"latitude": None}, {"latitude": None, "longitude": None}], ids=["lat", "both"]
)
def test_a_meta_pin_by_its_address_with_a_null_point_is_the_same_pin_by_its_address(
    empty: dict[str, Any],
) -> None:
    """A pin read with ``latitude: null`` has no point, as one without the field: normalising keeps its
    address (the one test of "no point" both use), and the refusal names it by that address."""
    from midas_reconcile.targeting.meta import normalize_meta_targeting, unexpressed_places

    pin = {"address_string": "1 Main St, San Francisco, CA 94105", "radius": 10, "distance_unit": "mile"}
    bare = normalize_meta_targeting({"excluded_geo_locations": {"custom_locations": [pin]}})
    nulled = {"excluded_geo_locations": {"custom_locations": [{**pin, **empty}]}}
    [kept] = normalize_meta_targeting(nulled)["excluded_geo_locations"]["custom_locations"]
    assert kept["address_string"] == pin["address_string"], kept
    assert unexpressed_places(nulled) == unexpressed_places(
        {"excluded_geo_locations": {"custom_locations": [pin]}}
    ), bare


def test_a_meta_radius_around_a_street_address_stays_refused_saying_why() -> None:
    from midas_reconcile.spec._places import parse_radius
    from midas_reconcile.targeting.places import meta_radius_problem

    radius = parse_radius("10 mi around 1 Main St, Springfield, US-IL, US:62701")
    assert radius is not None
    assert meta_radius_problem(radius) == (
        "MIDAS sends Meta no radius around a street address yet: Meta's custom_locations take an "
        "address_string, which Meta geocodes to the pin's latitude and longitude, and Meta describes a pin "
        "made at a point with an address_string too, so what it reads back cannot tell the two apart (and "
        "whether it keeps the address as sent is unconfirmed): the round trip would not be exact; expected a "
        "radius around a city or a point there"
    )


@pytest.mark.parametrize(
    ("market", "said"),
    [
        (
            {"key": "UK_1", "name": "London"},
            "geo_locations.geo_markets UK_1 (London): a market whose key is not DMA_ then the code of one of "
            "the 210 US Nielsen markets (DMA_807); the spec names a market as a US DMA alone (DMA:807), and "
            "no market of another kind is documented for Meta's geo_markets (unconfirmed)",
        ),
        (
            {"key": "DMA_999", "market_type": "DMA"},
            "geo_locations.geo_markets DMA_999 (a DMA): a market whose key is not DMA_ then the code of one "
            "of the 210 US Nielsen markets (DMA_807); the spec names a market as a US DMA alone (DMA:807), "
            "and no market of another kind is documented for Meta's geo_markets (unconfirmed)",
        ),
    ],
    ids=["another-key", "no-nielsen-market"],
)
def test_a_meta_market_other_than_a_us_dma_is_unexpressed_saying_what_its_key_is(
    market: dict[str, str], said: str
) -> None:
    from midas_reconcile.targeting.meta import unexpressed_places

    assert unexpressed_places({"geo_locations": {"geo_markets": [market]}}) == [said]


def test_a_dma_maps_to_google_dma_regions_and_meta_markets_and_back() -> None:
    from midas_reconcile.targeting.meta import unexpressed_places

    mapper = TargetingMapper()
    targeting = Targeting(locations=["dma:807", "US"])
    google = mapper.to_google(targeting)
    assert [c.fields["geo_target_constant"] for c in google.criteria] == [
        "geoTargetConstants/200807",
        "geoTargetConstants/2840",
    ]
    assert mapper.from_google([c.fields for c in google.criteria])[0].locations == ["DMA:807", "US"]
    meta = mapper.to_meta(targeting)
    assert meta.spec["geo_locations"] == {"countries": ["US"], "geo_markets": [{"key": "DMA_807"}]}
    read = {
        "geo_locations": {"geo_markets": [{"key": "DMA_807", "name": "San Francisco", "market_type": "DMA"}]}
    }
    assert mapper.from_meta(read) == (Targeting(locations=["DMA:807"]), [])
    other = {"geo_locations": {"geo_markets": [{"key": "UK_1", "name": "London"}]}}
    [said] = unexpressed_places(other)
    assert said.startswith("geo_locations.geo_markets UK_1 (London): a market whose key is not DMA_"), said


# --- Meta placements by position and device (``targeting.meta_placements``) --------------------------------


@pytest.mark.parametrize(
    ("targeting", "spec", "unplaced", "unknown"),
    [
        ({}, [], {}, {}),
        ({"publisher_platforms": ["instagram", "facebook"]}, ["facebook", "instagram"], {}, {}),
        (
            {"publisher_platforms": ["instagram", "facebook"], "instagram_positions": ["reels", "stream"]},
            {"facebook": [], "instagram": ["reels", "stream"]},
            {},
            {},
        ),
        (
            {"publisher_platforms": ["facebook"], "facebook_positions": ["feed", "biz_disco_feed"],
             "messenger_positions": ["story"]},
            {"facebook": ["biz_disco_feed", "feed"]},
            {"messenger_positions": ["story"]},
            {"facebook_positions": ["biz_disco_feed"]},
        ),
        ({"threads_positions": ["threads_stream"]}, [], {"threads_positions": ["threads_stream"]}, {}),
    ],
    ids=["automatic", "platforms", "positions", "unplaced-and-unknown", "positions-without-platforms"],
)  # fmt: skip
def test_a_live_ad_set_s_placements_read_back_as_the_spec_says_them(
    targeting: dict[str, Any], spec: Any, unplaced: dict[str, list[str]], unknown: dict[str, list[str]]
) -> None:
    """Platforms alone read as a list, positions as a mapping of every platform placed on (``[]``: all of
    its positions); positions of a platform not placed on, and names the spec does not know, are told
    apart for import to refuse."""
    assert placements_spec(placed_of(targeting)) == spec
    assert (unplaced_positions(targeting), unknown_positions(targeting)) == (unplaced, unknown)
    if not unplaced and not unknown:  # what the spec says compiles back to the same targeting
        positions = {platform: list(chosen) for platform, chosen in placed_of(targeting)}
        assert placement_targeting(positions, []) == {k: sorted(v) for k, v in targeting.items()}


# -- places of other kinds, by their Google geo target constant ---------------------------------------------


def test_a_google_geo_target_constant_maps_to_a_google_location_once_the_account_finds_it() -> None:
    """A county (here ``9059413``) is Google's constant itself: the resolver only confirms the account knows
    it; one no account knows is unresolved, as an unknown city is."""
    table = {**GOOGLE_IDS, "location": {**GOOGLE_IDS["location"], "geoTargetConstants/9059413": "9059413"}}
    resolver = FakeResolver(table)
    targeting = Targeting(
        locations=["US-CA", "geoTargetConstants/9059413", "geoTargetConstants/9999999"],
        exclude={"locations": ["geoTargetConstants/9059413"]},
    )
    google = TargetingMapper(resolver).to_google(targeting)
    assert [(c.key, c.fields) for c in google.criteria] == [
        ("location:21137", {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/21137"}),
        ("location:9059413", {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/9059413"}),
        (
            "negative_location:9059413",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/9059413", "negative": True},
        ),
    ]
    assert [(u.kind, u.name) for u in google.unresolved] == [("location", "geoTargetConstants/9999999")]
    assert ("location", ("US-CA", "geoTargetConstants/9059413", "geoTargetConstants/9999999")) in [
        (kind, tuple(sorted(names))) for kind, names in resolver.calls
    ]


def test_a_google_geo_target_constant_reads_back_as_itself_unless_a_resolver_names_it() -> None:
    mapper = TargetingMapper(FakeResolver(GOOGLE_IDS))
    mapper.to_google(Targeting(locations=["San Francisco, US-CA"]))  # the book learns the city's id
    criteria = [
        {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/1014221"},
        {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/9059413"},
    ]
    assert mapper.from_google(criteria) == (
        Targeting(locations=["San Francisco, US-CA", "geoTargetConstants/9059413"]),
        [],
    )


def test_a_google_geo_target_constant_is_left_out_on_meta_with_a_fidelity_warning() -> None:
    meta = mapper().to_meta(
        Targeting(
            locations=["US", "geoTargetConstants/9059413"], exclude={"locations": ["geoTargetConstants/1"]}
        )
    )
    assert meta.spec["geo_locations"] == {"countries": ["US"]}
    assert "excluded_geo_locations" not in meta.spec and meta.unresolved == []
    assert meta.warnings == [
        "location 'geoTargetConstants/9059413' is Google's alone (a geo target constant: a county, a "
        "neighborhood …, which Meta has no equivalent of); the Meta ad set leaves it out",
        "location 'geoTargetConstants/1', excluded, is Google's alone (a geo target constant: a county, a "
        "neighborhood …, which Meta has no equivalent of); the Meta ad set leaves it out",
    ]
    alone = mapper().to_meta(Targeting(locations=["geoTargetConstants/9059413"]))
    assert alone.warnings[-1] == (
        "Meta ad sets need at least one location or audience; every location the targeting names is Google's "
        "alone"
    )


@pytest.mark.parametrize(
    ("constant", "described", "country"),
    [
        (
            {"name": "Austin County", "country_code": "US", "target_type": "County",
             "canonical_name": "Austin County,Texas,United States"},
            "Austin County, US-TX (County)",
            "US",
        ),
        (
            {"name": "Mission District", "country_code": "US", "target_type": "Neighborhood",
             "canonical_name": "Mission District,San Francisco,California,United States"},
            "Mission District, US-CA (Neighborhood)",
            "US",
        ),
        (
            {"name": "Shinjuku", "country_code": "JP", "target_type": "Municipality",
             "canonical_name": "Shinjuku,Tokyo,Japan"},
            "Shinjuku, JP (Municipality)",
            "JP",
        ),
        ({"name": "Nowhere", "target_type": "County"}, None, None),
    ],
)  # fmt: skip
def test_a_place_of_another_kind_is_described_within_its_region_or_country(
    constant: dict[str, str], described: str | None, country: str | None
) -> None:
    from midas_reconcile.targeting.places import describe_google_place, described_country

    assert describe_google_place(constant) == described
    assert (described_country(described) if described else None) == country
    assert described_country("San Francisco, US-CA") is None


def test_every_pin_the_spec_cannot_write_is_named_not_the_first_alone() -> None:
    """Each pin of a field the spec cannot write is its own refusal: two by their addresses alone and one
    whose radius has more decimal places than the spec takes, in one ad set's exclusions."""
    from midas_reconcile.targeting.meta import unexpressed_places

    pins = [
        {"address_string": "1 Main St", "radius": 10, "distance_unit": "mile"},
        {"address_string": "2 Side St", "radius": 10, "distance_unit": "mile"},
        {"latitude": 37.7749, "longitude": -122.4194, "radius": 2.345, "distance_unit": "kilometer"},
    ]
    said = unexpressed_places({"excluded_geo_locations": {"custom_locations": pins}})
    assert len(said) == 3, said
    assert sum("'1 Main St'" in s for s in said) == 1 and sum("'2 Side St'" in s for s in said) == 1, said
    assert sum("2.345 kilometer" in s for s in said) == 1, said
    assert all(s.startswith("excluded_geo_locations.custom_locations (") for s in said), said
