"""``connectors.google_backend``'s account of a create made in part and of a write whose reply was lost."""

from __future__ import annotations

import pytest

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.google_backend import _made_in_part, _outcome_unknown
from midas_reconcile.errors import PermanentError, TransientError
from midas_reconcile.resources import Address

CAMPAIGN = Address("google", "acme", "campaign", "shoe-finder")
FEED = [{"page_url": "https://shop.example.com/sale", "labels": []}]
REFUSED = PermanentError(
    "link refused", platform="google", code="mutate_error.X", field="operations[2].create"
)


@pytest.mark.parametrize(
    ("fields", "marker_refused", "field", "parts"),
    [
        # A brand asset's link refused on a campaign with a feed: the failing field is kept, the feed named.
        ({"page_feed": FEED}, False, "operations[2].create", ("operations[2].create", "page_feed")),
        ({"page_feed": FEED}, True, "labels", ("labels", "page_feed")),
        ({}, True, "labels", ("labels",)),
        ({}, False, "operations[2].create", ("operations[2].create",)),
    ],
)
def test_a_create_made_in_part_names_the_part_that_failed_first_and_the_feed_never_sent(
    fields: dict[str, object], marker_refused: bool, field: str, parts: tuple[str, ...]
) -> None:
    """The failing part was replaced by ``page_feed`` whenever the campaign carried a feed: a brand asset's
    refusal lost its field. Each part not made is named, the failing one first, and Google's prefix and code
    are said once."""
    error = _made_in_part(WriteOp("create", CAMPAIGN, fields=fields), "5", REFUSED, marker_refused)
    assert (error.field, error.parts) == (field, parts)
    assert str(error).count("google [mutate_error.X]") == 1


@pytest.mark.parametrize(
    ("error", "unknown"),
    [
        (PermanentError("no answer in time", platform="google", code="midas.OUTCOME_UNKNOWN"), True),
        (TransientError("deadline", platform="google", code="DEADLINE_EXCEEDED"), True),
        (TransientError("quota", platform="google", code="quota_error.RESOURCE_EXHAUSTED"), False),
        (TransientError("outage", platform="google", code="internal_error.INTERNAL_ERROR"), False),
        (PermanentError("refused", platform="google", code="mutate_error.X"), False),
    ],
)
def test_only_a_lost_reply_leaves_a_writes_outcome_unknown(error: PermanentError, unknown: bool) -> None:
    assert _outcome_unknown(error) is unknown


def test_a_create_whose_marker_and_brand_asset_link_were_both_refused_names_both() -> None:
    """Both refused, only ``labels`` was named: the brand asset's link was taken as made, and recorded so.
    Every refused part is named, the marker's first."""
    op = WriteOp("create", CAMPAIGN, fields={"page_feed": FEED})
    error = _made_in_part(op, "5", REFUSED, True, ["operations[2].create"])
    assert error.parts == ("labels", "operations[2].create", "page_feed")
