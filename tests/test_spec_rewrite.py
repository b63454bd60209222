"""``importing.rewrite``: a spec's YAML edited toward a new document as little as it takes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.importing import rewrite

WRITTEN = """\
# A campaign.
spec:
  budget:
    daily: 50.00   # the total
    split: {by: share, google: 0.6, meta: 0.4}
  targeting:
    locations: [US, CA]
    genders: [male, female]
  creatives:
    - name: a
      descriptions: [one, two]
    - name: b
      descriptions: [three]
"""


@pytest.mark.parametrize(
    ("old", "new", "ordered", "expected"),
    [
        (Decimal("50.00"), 50, False, True),
        (0.6, Decimal("0.6"), False, True),
        (["US", "CA"], ["CA", "US"], False, True),
        (["US", "CA"], ["CA", "US"], True, False),
        ([{"text": "a", "match": "exact"}], [{"match": "exact", "text": "a"}], False, True),
        ({"min": 25}, {"min": 25, "max": 54}, False, False),
        ("active", "paused", False, False),
    ],
)
def test_values_equal_in_meaning_are_the_same(old: Any, new: Any, ordered: bool, expected: bool) -> None:
    assert rewrite.same(old, new, ordered) is expected


def _new(daily: str, descriptions: list[str]) -> dict[str, Any]:
    return {
        "spec": {
            "budget": {"daily": Decimal(daily), "split": {"by": "amount", "google": 30, "meta": 20}},
            "targeting": {"locations": ["CA", "US"]},
            "creatives": [
                {"name": "a", "descriptions": descriptions},
                {"name": "b", "descriptions": ["three"]},
            ],
        }
    }


def test_only_what_the_check_needs_changes_comments_and_extra_keys_kept() -> None:
    """The check here wants the new daily amount and the first description 'two'; the split, genders and
    location order stay as written, as a compile would find them equal."""

    def exact(doc: dict[str, Any]) -> bool:
        spec = doc["spec"]
        return spec["budget"]["daily"] == 60 and spec["creatives"][0]["descriptions"][0] == "two"

    edited = rewrite.rewritten(rewrite.load(WRITTEN), _new("60.00", ["two", "one"]), exact)
    assert edited is not None
    assert rewrite.dump(edited) == WRITTEN.replace("50.00", "60.00").replace("[one, two]", "[two, one]")


def test_no_exact_edit_is_none() -> None:
    assert rewrite.rewritten(rewrite.load(WRITTEN), _new("60.00", ["one", "two"]), lambda _: False) is None
