"""Spec files edited round-trip keep their layout: line ends, opening ``---``, block list indentation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from midas_reconcile.round_trip import laid_out_like, round_trip_yaml, write_spec_text


def _round_trip(text: str) -> str:
    yaml = round_trip_yaml(like=text)
    out = io.StringIO()
    yaml.dump_all(list(yaml.load_all(text)), out)
    return laid_out_like(out.getvalue(), text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb:\n  - x\n  - y\n",
        "a: 1\nb:\n- x\n- y\n",
        "---\na: 1\n",
        "# header\n\n---\n# about a\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "---\na: [1, 2]\n---\nb:\n    -   deep\n",
        "%YAML 1.2\n---\na: 1\n",
        "\ufeffa: 1\n",
        "\ufeff---\na: 1\n",
    ],
    ids=[
        "house-lists",
        "flush-lists",
        "start",
        "comment-start",
        "second-start",
        "both",
        "directive",
        "bom",
        "bom-start",
    ],
)
def test_a_round_trip_of_an_unedited_file_is_the_file(text: str) -> None:
    assert _round_trip(text) == text


@pytest.mark.parametrize(
    ("dumped", "written", "expected"),
    [
        ("a: 2\n", "---\na: 1\n", "---\na: 2\n"),
        ("a: 2\n", "a: 1\n", "a: 2\n"),
        ("---\na: 2\n", "# c\n---\na: 1\n", "---\na: 2\n"),  # a document start of its own is kept
        ("a: 2\n", "--- {a: 1}\n", "a: 2\n"),  # content on the line: not an opening to put back
        ("a: 2\n", "\ufeff---\na: 1\n", "\ufeff---\na: 2\n"),
        ("a: 2\n", "\ufeff# c\n---\na: 1\n", "\ufeff# c\n---\na: 2\n"),
    ],
)
def test_laid_out_like_puts_back_the_opening_ruamel_drops(dumped: str, written: str, expected: str) -> None:
    assert laid_out_like(dumped, written) == expected
    # Laid out twice (mirror lays out what it shows, then writes it laid out as the file): the same.
    assert laid_out_like(expected, written) == expected


def test_write_spec_text_keeps_the_file_s_line_ends_and_writes_a_new_one_with_newlines(
    tmp_path: Path,
) -> None:
    crlf, new = tmp_path / "crlf.yaml", tmp_path / "new.yaml"
    crlf.write_bytes(b"---\r\na: 1\r\n")
    write_spec_text(crlf, "a: 2\nb: 3\n")
    write_spec_text(new, "a: 2\n")
    assert crlf.read_bytes() == b"---\r\na: 2\r\nb: 3\r\n"
    assert new.read_bytes() == b"a: 2\n"


@pytest.mark.parametrize(("value", "written"), [("8", "8"), ("12.5", "12.5"), ("3.00", "3.00")])
def test_a_decimal_an_edit_writes_is_a_plain_number_a_whole_one_without_a_float_tag(
    value: str, written: str
) -> None:
    """A Decimal set into a spec round-trip is written as the number it is: a whole one (a percent CPC bid of
    8) plain, not ``!!float '8'`` (which MIDAS's loader reads as Decimal 8 too, but a person reading the
    spec should not meet a YAML tag)."""
    from decimal import Decimal

    yaml = round_trip_yaml("a: 1\n")
    data = yaml.load("a: 1\n")
    data["a"] = Decimal(value)
    out = io.StringIO()
    yaml.dump(data, out)
    assert out.getvalue() == f"a: {written}\n"
