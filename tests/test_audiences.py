"""Customer lists: per-platform normalisation and hashing, bad rows by line, exact and sketched overlap,
population-weighted targeting overlap."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midas_reconcile.audiences import customer_list, fastpath, normalise, parallel
from midas_reconcile.audiences.customer_list import ReadReport, iter_members, read_keys
from midas_reconcile.audiences.normalise import FieldProblem
from midas_reconcile.audiences.overlap import exact_overlap, sketch_keys, theta_overlap
from midas_reconcile.audiences.targeting_overlap import targeting_overlap
from midas_reconcile.errors import SpecError
from midas_reconcile.spec import Targeting


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- normalisation, per platform (examples from the platforms' docs) -------------------------------
# (row as CSV, expected normalised strings before hashing; None: absent)
MEMBER_CASES = [
    (
        "google-doc-email-and-us-phone",
        "email,phone,country\n  Jane.Doe@Example.COM ,+1 (800) 555-0100,US\n",
        {"email": "jane.doe@example.com", "google_phone": "+18005550100", "meta_phone": "18005550100"},
    ),
    (
        "national-us-phone-completed-from-country",
        "email,phone,country\na@b.co,(415) 555-2671,us\n",
        {"google_phone": "+14155552671", "meta_phone": "14155552671", "google_country": "US"},
    ),
    (
        "nanp-number-with-leading-1",
        "phone,country\n1-415-555-2671,US\n",
        {"google_phone": "+14155552671", "meta_phone": "14155552671"},
    ),
    (
        "uk-national-drops-trunk-zero",
        "phone,country\n020 7946 0958,GB\n",
        {"google_phone": "+442079460958", "meta_phone": "442079460958"},
    ),
    (
        "italy-keeps-leading-zero",
        "phone,country\n06 1234 5678,IT\n",
        {"google_phone": "+390612345678", "meta_phone": "390612345678"},
    ),
    (
        "international-00-prefix",
        "phone\n0049 30 123456789\n",
        {"google_phone": "+4930123456789", "meta_phone": "4930123456789"},
    ),
    (
        "names-lower-case-no-punctuation",
        "email,first_name,last_name\na@b.co,  Mary-Ann ,O'Neil Jr.\n",
        {"first_name": "maryann", "last_name": "oneil jr"},
    ),
    (
        "names-keep-accents-in-nfc",
        "email,first_name,last_name\na@b.co,Zoe\u0301,Mu\u0308ller\n",
        {"first_name": "zoé", "last_name": "müller"},
    ),
    (
        "country-google-upper-clear-meta-lower-hashed",
        "email,country\na@b.co, fr \n",
        {"google_country": "FR", "meta_country": "fr"},
    ),
    (
        "us-zip-five-digits",
        "email,country,zip\na@b.co,US,94043-1351\n",
        {"google_zip": "94043", "meta_zip": "94043"},
    ),
    (
        "uk-postcode-meta-without-spaces",
        "email,country,zip\na@b.co,GB,sw1a 1aa\n",
        {"google_zip": "SW1A 1AA", "meta_zip": "sw1a1aa"},
    ),
]
CLEAR_FIELDS = {"google_country", "google_zip"}


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MEMBER_CASES], ids=[c[0] for c in MEMBER_CASES]
)
def test_members_are_normalised_and_hashed_per_platform(
    tmp_path: Path, text: str, expected: dict[str, str]
) -> None:
    report = ReadReport("list.csv")
    (member,) = list(iter_members(write_csv(tmp_path / "list.csv", text), report))
    for name, normal in expected.items():
        want = normal if name in CLEAR_FIELDS else sha(normal)
        assert getattr(member, name) == want, name
    has_email_column = "email" in text.splitlines()[0].split(",")
    key_source = expected.get("email") if has_email_column else expected.get("google_phone")
    if key_source:
        assert member.key == sha(key_source)
    assert report.bad_count == 0


def test_a_member_holds_nothing_but_hashes_and_googles_clear_country_and_zip(tmp_path: Path) -> None:
    text = "email,phone,first_name,last_name,country,zip\nann@ex.com,+33 1 23 45 67 89,Ann,Lee,FR,75001\n"
    (member,) = list(iter_members(write_csv(tmp_path / "l.csv", text), ReadReport("l")))
    for name, value in member.__dict__.items() if hasattr(member, "__dict__") else _slots(member):
        if name in CLEAR_FIELDS:
            continue
        assert value is not None and len(value) == 64 and set(value) <= set("0123456789abcdef"), name


def _slots(member: object) -> list[tuple[str, str]]:
    return [(name, getattr(member, name)) for name in type(member).__slots__]  # type: ignore[attr-defined]


FIELD_PROBLEMS = [
    ("email", lambda: normalise.email("no-at-sign.example.com"), "email is not an address"),
    ("phone-letters", lambda: normalise.phone_digits("+1 415 555 0101 x12", "US"), "characters other"),
    ("phone-short", lambda: normalise.phone_digits("+1 555", None), "not an E.164 number"),
    ("phone-no-country", lambda: normalise.phone_digits("415 555 0101", None), "no country code"),
    ("phone-unknown-country", lambda: normalise.phone_digits("415 555 0101", "AQ"), "write it with +"),
    ("country", lambda: normalise.country("XX"), "not an ISO 3166-1"),
    ("name-punctuation-only", lambda: normalise.name("--"), "no letters"),
    ("us-zip", lambda: normalise.zip_code("9404", "US"), "not a US ZIP"),
]


@pytest.mark.parametrize(
    ("call", "fragment"), [c[1:] for c in FIELD_PROBLEMS], ids=[c[0] for c in FIELD_PROBLEMS]
)
def test_field_problems_say_what_is_wrong(call: object, fragment: str) -> None:
    with pytest.raises(FieldProblem, match=fragment):
        call()  # type: ignore[operator]


# -- bad rows ------------------------------------------------------------------------------------
BAD_LIST = (
    "email,phone,country\n"  # line 1
    "good@ex.com,,US\n"  # 2
    "secret.person@@ex.com,,US\n"  # 3: bad e-mail
    "\n"  # 4: blank, skipped
    ',"+1 415 555 9999 ext 7",US\n'  # 5: bad phone
    ",,US\n"  # 6: no identifier
    "also.good@ex.com,+1 415 555 0000,US,extra\n"  # 7: wrong field count
    "last@ex.com,,ZZ\n"  # 8: bad country
)


def test_bad_rows_are_counted_by_line_and_never_echo_their_values(tmp_path: Path) -> None:
    keys = read_keys(write_csv(tmp_path / "bad.csv", BAD_LIST), workers=1)
    report = keys.report
    assert (keys.size, report.rows, report.bad_count) == (1, 6, 5)
    assert [b.line for b in report.bad_rows] == [3, 5, 6, 7, 8]
    text = "\n".join([*report.summary(), *(b.reason for b in report.bad_rows)])
    for secret in ("secret.person", "9999", "also.good", "last@ex.com", "ZZ"):
        assert secret not in text
    assert "line 3" in text and "neither an email nor a phone (line 6)" in text


def test_members_and_keys_agree_on_which_rows_are_bad(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", BAD_LIST)
    report = ReadReport("x")
    members = list(iter_members(path, report))
    keys = read_keys(path, workers=1)
    assert [m.key for m in members] == [sha("good@ex.com")]
    assert keys.keys.tolist() == [customer_list.key_prefix(sha("good@ex.com"))]
    assert [b.line for b in report.bad_rows] == [b.line for b in keys.report.bad_rows]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "empty"),
        ("first_name,last_name\nA,B\n", 1, "neither an email nor a phone column"),
        ("email,e-mail\n", 1, "unknown column(s) 'e-mail'"),
        ("email,EMAIL\n", 1, "appear more than once"),
    ],
)
def test_bad_files_are_spec_errors_with_a_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    with pytest.raises(SpecError) as caught:
        read_keys(write_csv(tmp_path / "f.csv", text), workers=1)
    (issue,) = caught.value.issues
    assert issue.line == line and fragment in issue.message


def test_non_utf8_text_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("email\nok@ex.com\nr\xe9mi@ex.com\n".encode("latin-1"))
    with pytest.raises(SpecError, match="not UTF-8"):
        read_keys(path, workers=1)


# -- parallel reading ------------------------------------------------------------------------------
def test_parallel_ranges_cut_between_records_even_inside_quoted_newlines(tmp_path: Path) -> None:
    rows = [f'"user{i}@ex.com","+1 415 555 {i % 10000:04d}","Ann\nMarie",US' for i in range(3000)]
    rows[1500] = "broken-email,,,US"
    path = write_csv(tmp_path / "q.csv", "email,phone,first_name,country\n" + "\n".join(rows) + "\n")
    ranges = parallel.cut(path, path.stat().st_size, 4)
    assert ranges is not None and len(ranges) == 4
    single = read_keys(path, workers=1)
    merged = ReadReport(str(path))
    chunks = []
    for r in ranges:
        prefixes, part, issues = parallel._read_range(
            (str(path), ["email", "phone", "first_name", "country"], r)
        )
        assert not issues
        merged.merge(part)
        chunks.append(np.frombuffer(prefixes, dtype=np.uint64))
    assert np.array_equal(np.unique(np.concatenate(chunks)), single.keys)
    assert (merged.rows, [b.line for b in merged.bad_rows]) == (
        3000,
        [b.line for b in single.report.bad_rows],
    )
    assert single.report.bad_rows[0].line == 2 + 2 * 1500  # each record spans two lines


def test_large_files_are_read_by_worker_processes_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    body = "".join(f"u{i}@ex.com,+44 20 7946 {i:04d},GB\n" for i in range(2000)) + "oops,,GB\n"
    path = write_csv(tmp_path / "big.csv", "email,phone,country\n" + body)
    together, apart = read_keys(path, workers=1), read_keys(path, workers=2)
    assert np.array_equal(together.keys, apart.keys) and together.size == 2000
    assert [b.line for b in apart.report.bad_rows] == [2002]


# -- overlap ---------------------------------------------------------------------------------------
emails = st.lists(st.integers(0, 60), max_size=40)


@settings(max_examples=60, deadline=None)
@given(first=emails, second=emails)
def test_exact_overlap_matches_brute_force(
    tmp_path_factory: pytest.TempPathFactory, first: list[int], second: list[int]
) -> None:
    folder = tmp_path_factory.mktemp("lists")
    a = write_csv(folder / "a.csv", "email\n" + "".join(f" User{i}@Ex.com\n" for i in first))
    b = write_csv(folder / "b.csv", "email\n" + "".join(f"user{i}@ex.COM\n" for i in second))
    result = exact_overlap(read_keys(a, workers=1), read_keys(b, workers=1))
    set_a, set_b = set(first), set(second)
    assert (result.size_a, result.size_b, result.intersection) == (len(set_a), len(set_b), len(set_a & set_b))
    union = set_a | set_b
    assert result.jaccard == pytest.approx(len(set_a & set_b) / len(union) if union else 0.0)
    if set_a and set_b:
        assert result.overlap_percentage == pytest.approx(
            round(100 * len(set_a & set_b) / min(len(set_a), len(set_b)), 2)
        )


def test_theta_sketch_estimates_a_half_overlap_within_3_percent() -> None:
    rng = np.random.default_rng(7)
    universe = np.unique(rng.integers(0, 2**63, 700_000, dtype=np.uint64))[:600_000]
    a = customer_list.KeySet(np.sort(universe[:400_000]), ReadReport("a"))
    b = customer_list.KeySet(np.sort(universe[200_000:]), ReadReport("b"))  # half of b is in a
    exact = exact_overlap(a, b)
    estimate = theta_overlap(sketch_keys(a), sketch_keys(b))
    assert exact.intersection == 200_000
    assert abs(estimate.intersection - exact.intersection) / exact.intersection < 0.03
    assert estimate.bounds[0] <= exact.intersection <= estimate.bounds[1]
    assert abs(estimate.size_a - 400_000) / 400_000 < 0.03


# -- targeting overlap -----------------------------------------------------------------------------
def test_identical_targetings_overlap_fully_and_disjoint_ones_not_at_all() -> None:
    us = Targeting(locations=["US"], ages={"min": 18, "max": 34})  # type: ignore[arg-type]
    same = targeting_overlap(us, us)
    assert (same.overlap_percentage, same.efficiency_score, same.similarity) == (100.0, 0.0, 1.0)
    other = targeting_overlap(us, Targeting(locations=["GB"], ages={"min": 18, "max": 34}))  # type: ignore[arg-type]
    assert (other.overlap_percentage, other.efficiency_score, other.dimensions["geo"].similarity) == (
        0.0,
        100.0,
        0.0,
    )


def test_targeting_overlap_weighs_dimensions_by_population() -> None:
    # Women in the US vs everyone in the US-CA region: both = women of US-CA.
    women_us = Targeting(locations=["US"], genders=["female"])
    california = Targeting(locations=["US-CA"])
    result = targeting_overlap(women_us, california)
    assert result.dimensions["gender"].share_a == 1.0 and result.dimensions["gender"].share_b == 0.5
    assert result.dimensions["geo"].share_a == pytest.approx(0.1) and result.dimensions["geo"].share_b == 1.0
    adults = (65 - 18 + 7.5) / (65 - 13 + 7.5)  # default ages 18+: years 18..64 plus the 65+ bucket
    assert result.reach_both == pytest.approx(340 * 0.1 * 0.5 * adults)
    assert result.overlap_percentage == pytest.approx(50.0)  # half of the smaller (California)
    assert result.dimensions["interests"].low_confidence and result.dimensions["interests"].share_a is None


def test_a_city_lies_in_its_region_and_a_postal_code_in_its_country() -> None:
    san_francisco = Targeting(locations=["San Francisco, US-CA"])
    result = targeting_overlap(san_francisco, Targeting(locations=["US-CA"]))
    geo = result.dimensions["geo"]
    assert geo.share_a == 1.0 and geo.share_b == pytest.approx(340 * 0.01 / (340 * 0.1))
    assert (
        "cities and postal codes are weighted as a hundredth of their country (approximate)" in result.notes
    )
    assert targeting_overlap(Targeting(locations=["US:94103"]), Targeting(locations=["US"])).dimensions[
        "geo"
    ].share_a == pytest.approx(1.0)
    apart = targeting_overlap(Targeting(locations=["US:94103"]), Targeting(locations=["US:94110"]))
    assert apart.dimensions["geo"].similarity == 0.0
    california_but_san_francisco = Targeting(
        locations=["US-CA"], exclude={"locations": ["San Francisco, US-CA"]}
    )  # type: ignore[arg-type]
    assert targeting_overlap(san_francisco, california_but_san_francisco).reach_both == 0


def test_a_radius_around_a_street_address_lies_in_its_city_s_region() -> None:
    around = Targeting(locations=["10 mi around 1 Main St, San Francisco, US-CA, US:94105"])
    geo = targeting_overlap(around, Targeting(locations=["US-CA"])).dimensions["geo"]
    assert geo.share_a == pytest.approx(1.0)


def test_a_place_by_google_geo_target_constant_stands_alone_as_an_unlisted_country_does() -> None:
    county = Targeting(locations=["geoTargetConstants/9059413"])
    alone = targeting_overlap(county, Targeting(locations=["US"]))
    assert alone.dimensions["geo"].similarity == 0.0 and alone.reach_both == 0
    assert targeting_overlap(county, county).dimensions["geo"].similarity == 1.0


def test_the_oldest_age_bucket_weighs_more_than_one_year() -> None:
    young = Targeting(ages={"min": 18, "max": 24})  # type: ignore[arg-type]
    old = Targeting(ages={"min": 60})  # type: ignore[arg-type]
    result = targeting_overlap(young, old)
    assert result.reach_b > result.reach_a  # 60..64 + 65 and over (7.5) > 18..24 (7 years)
    assert result.reach_both == 0


# -- the column-wise fast path agrees with the row-by-row rules ------------------------------------
FIELD_VALUES = {
    "email": ["", " A.b@Ex.com ", "a@b", "x@@y.z", "ü@ex.de", "  ", "a b@c.de"],
    "phone": [
        "",
        "+14155550101",
        "(415) 555-0101",
        "415 555 0101",
        "+0123456789",
        "()",
        "+1 415",
        "0044 20 7946 0958",
    ],
    "first_name": ["", "Ann", "--", "Zoë", "  ", "'", "李"],
    "last_name": ["", "O'Neil", ".", "x"],
    "country": ["", "us", "GB", "XX", " ca ", "it", "ß"],
    "zip": ["", "94043", "94043-1351", "SW1A 1AA", "9404", "#", "123456789"],
}
row_values = st.tuples(*(st.sampled_from(values) for values in FIELD_VALUES.values()))


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(row_values, max_size=30))
def test_the_fast_path_counts_exactly_the_rows_the_rules_accept(rows: list[tuple[str, ...]]) -> None:
    numbered = [(i + 2, row) for i, row in enumerate(rows)]
    numbered.append((len(rows) + 2, None))  # a row with the wrong number of fields
    reference, fast = ReadReport("r"), ReadReport("f")
    expected = customer_list.key_prefixes(iter(numbered), reference)  # type: ignore[arg-type]
    found = fastpath.key_prefixes(iter(numbered), fast)  # type: ignore[arg-type]
    assert sorted(found.tolist()) == sorted(expected.tolist())  # the fast path keeps no row order
    assert [(b.line, b.reason) for b in fast.bad_rows] == [(b.line, b.reason) for b in reference.bad_rows]
    assert fast.rows == reference.rows == len(numbered)


def test_members_give_each_platform_its_payload(tmp_path: Path) -> None:
    text = (
        "email,phone,first_name,last_name,country,zip\n"
        "ann@ex.com,+1 415 555 0101,Ann,Lee,US,94043\n"  # full address: Google gets address_info
        ",+1 415 555 0102,Bo,,US,\n"  # phone only, partial address
    )
    full, partial = iter_members(write_csv(tmp_path / "l.csv", text), ReadReport("l"))
    assert full.google_identifiers() == [
        {"hashed_email": sha("ann@ex.com")},
        {"hashed_phone_number": sha("+14155550101")},
        {
            "address_info": {
                "hashed_first_name": sha("ann"),
                "hashed_last_name": sha("lee"),
                "country_code": "US",
                "postal_code": "94043",
            }
        },
    ]
    assert full.meta_row() == [
        sha("ann@ex.com"),
        sha("14155550101"),
        sha("ann"),
        sha("lee"),
        sha("us"),
        sha("94043"),
    ]
    assert partial.google_identifiers() == [{"hashed_phone_number": sha("+14155550102")}]
    assert partial.meta_row() == ["", sha("14155550102"), sha("bo"), "", sha("us"), ""]
    assert customer_list.META_SCHEMA == ("EMAIL", "PHONE", "FN", "LN", "COUNTRY", "ZIP")
