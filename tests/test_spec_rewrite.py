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


def _amounts(budget: dict[str, Any]) -> dict[str, Decimal]:
    daily, split = Decimal(str(budget["daily"])), budget["split"]
    if split["by"] == "share":
        return {p: daily * Decimal(str(split[p])) for p in ("google", "meta")}
    return {p: Decimal(str(split[p])) for p in ("google", "meta")}


def test_a_split_by_share_that_still_gives_the_amounts_is_kept_whole() -> None:
    """Undone one key at a time, ``by: share`` with amounts (or shares under ``by: amount``) is never exact;
    the split is tried back as it was written as a whole."""
    written = WRITTEN.replace("50.00", "60.00")

    def exact(doc: dict[str, Any]) -> bool:
        budget = doc["spec"]["budget"]
        split = budget["split"]
        if split["by"] == "share" and sum(Decimal(str(split[p])) for p in ("google", "meta")) != 1:
            return False
        return budget["daily"] == 50 and _amounts(budget) == {"google": 30, "meta": 20}

    edited = rewrite.rewritten(rewrite.load(written), _new("50.00", ["one", "two"]), exact)
    assert edited is not None
    assert rewrite.dump(edited) == WRITTEN


def test_same_named_items_of_different_platforms_are_merged_each_with_its_own() -> None:
    """Import writes one ad group per platform under one name when the two cannot be one."""
    written = """\
spec:
  ad_groups:
    - name: Older   # Google's
      platforms: [google]
      targeting: {ages: {min: 55, max: 64}}
    - name: Older
      platforms: [meta]
      targeting: {ages: {min: 30, max: 50}}
"""
    new = {
        "spec": {
            "ad_groups": [
                {"name": "Older", "platforms": ["google"], "targeting": {"ages": {"min": 55, "max": 64}}},
                {"name": "Older", "platforms": ["meta"], "targeting": {"ages": {"min": 35, "max": 50}}},
            ]
        }
    }
    edited = rewrite.rewritten(rewrite.load(written), new, lambda doc: doc == new)
    assert edited is not None
    assert rewrite.dump(edited) == written.replace("min: 30", "min: 35")


def test_an_item_whose_platforms_changed_is_edited_where_it_is_written() -> None:
    written = """\
spec:
  ad_groups:
    - name: Core   # the first
      platforms: [google]
    - name: Later
"""
    new = {"spec": {"ad_groups": [{"name": "Core"}, {"name": "Later"}]}}
    edited = rewrite.rewritten(rewrite.load(written), new, lambda doc: doc == new)
    assert edited is not None
    assert rewrite.dump(edited) == written.replace("      platforms: [google]\n", "")
