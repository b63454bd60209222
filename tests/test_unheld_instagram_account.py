"""``importing.import_only.unheld_instagram_account``: an Instagram account a console made a Meta creative
run as is left alone (unheld) only where neither MIDAS's record nor the specs name one."""

from __future__ import annotations

import pytest
from test_planner import by_address, key, live_of, meta_tree, recorded_of, res, run, with_fields

from midas_reconcile.importing.import_only import unheld_instagram_account
from midas_reconcile.resources import Resource

CREATIVE = "adcreative/c/g/a@meta"


@pytest.mark.parametrize(
    ("live", "recorded", "desired", "unheld"),
    [
        ("42", None, None, True),  # neither names one: left alone (a console's)
        ("42", None, "178", False),  # the specs hold one: compared
        ("42", "178", None, False),  # MIDAS wrote one: compared (the key turned off replaces)
        ("42", "178", "178", False),  # a console's other account over MIDAS's: compared
        (None, None, None, False),  # runs as no Instagram account
    ],
    ids=["console-only", "spec-holds", "record-holds", "both-hold", "none-live"],
)
def test_an_instagram_account_is_unheld_only_where_neither_record_nor_spec_names_one(
    live: str | None, recorded: str | None, desired: str | None, unheld: bool
) -> None:
    def creative(account: str | None) -> Resource:
        return res(CREATIVE, name="a", **({"instagram_user_id": account} if account else {}))

    found = unheld_instagram_account(creative(live), creative(recorded), creative(desired))
    assert (found is not None) is unheld
    if found is not None:
        assert found.fields == {"instagram_user_id": live} and "Instagram account '42'" in found.problem


def test_an_instagram_account_on_a_creative_midas_never_recorded_is_compared() -> None:
    live = res(CREATIVE, name="a", instagram_user_id="42")
    assert unheld_instagram_account(live, None, res(CREATIVE, name="a")) is None


def _with_console_account(resources: list[Resource]) -> list[Resource]:
    """``resources`` live, their creative run as Instagram account 42 in a console."""
    return [
        with_fields(r, instagram_user_id="42") if r.address.kind == "adcreative" else r
        for r in live_of(resources)
    ]


def test_a_console_instagram_account_under_a_renamed_campaign_is_left_alone_with_a_warning() -> None:
    """The record is at the creative's old address (the campaign renamed in the spec): looked up there."""
    recorded = recorded_of(live_of(meta_tree()))
    result = run(meta_tree("summer"), _with_console_account(meta_tree("spring")), recorded)
    change = by_address(result)[key("adcreative/summer/main/ad1@meta")]
    assert change.action.value == "noop" and str(change.moved_from) == key("adcreative/spring/main/ad1@meta")
    assert any("Instagram account '42'" in w for w in change.warnings)
