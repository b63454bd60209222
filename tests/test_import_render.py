"""The house style import and restore write specs in: what goes inline is what fits on a line as written."""

from __future__ import annotations

from decimal import Decimal

import yaml

from midas_reconcile.importing.render import render_document


def test_a_small_mapping_goes_inline_by_its_written_length_not_by_pythons_repr() -> None:
    """``Decimal('1.25')`` is 14 characters in Python's repr and 4 in YAML: two keywords differing only in
    their bids' digits were written one inline, the other as a block."""
    keywords = [
        {"text": "winter jackets", "match": "phrase", "cpc_bid": Decimal("1.25")},
        {"text": "warm gloves", "match": "phrase", "cpc_bid": Decimal("0.80")},
    ]
    text = render_document({"spec": {"keywords": keywords}}, [])
    assert "  - {text: winter jackets, match: phrase, cpc_bid: 1.25}\n" in text, text
    assert "  - {text: warm gloves, match: phrase, cpc_bid: 0.80}\n" in text, text
    assert yaml.safe_load(text) == {
        "spec": {"keywords": [{**k, "cpc_bid": float(k["cpc_bid"])} for k in keywords]}
    }


def test_what_would_not_fit_on_a_line_is_a_block() -> None:
    long = {"text": "waterproof trail running shoes for women", "match": "phrase", "cpc_bid": Decimal("1.25")}
    text = render_document({"keywords": [long]}, [])
    assert "  - text: waterproof trail running shoes for women\n" in text, text


def test_an_object_shared_by_two_places_is_written_out_at_each_never_as_an_alias() -> None:
    """A spec is read by people: ``&id001`` / ``*id001`` would tie two ad groups' hours together in the file
    (an edit of one reading as an edit of both)."""
    hours = [{"days": ["mon", "tue"], "start": "17:00", "end": "23:00"}]
    groups = [{"name": name, "meta": {"schedule": {"hours": hours}}} for name in ("runners", "joggers")]
    text = render_document({"spec": {"ad_groups": groups}}, [])
    assert "&" not in text and "*" not in text, text
    assert text.count("start: '17:00'") == 2, text
    assert yaml.safe_load(text) == {"spec": {"ad_groups": groups}}
