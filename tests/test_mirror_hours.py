"""``mirror_hours.union_hours``: Meta-alone hours as each day's union, in the order written."""

from __future__ import annotations

import io
import itertools

import pytest

from midas_reconcile.mirror_hours import _rewrite, union_hours
from midas_reconcile.round_trip import round_trip_yaml
from midas_reconcile.spec.models import HourSlot


def _slot(days: str, start: str, end: str) -> HourSlot:
    return HourSlot.model_validate({"days": days.split(), "start": start, "end": end})


def _entry(days: str, start: str, end: str) -> dict[str, object]:
    return {"days": days.split(), "start": start, "end": end}


@pytest.mark.parametrize(
    ("written", "union"),
    [
        pytest.param(  # back to back: one span; the days in the week's order
            [_slot("fri mon", "17:00", "20:00"), _slot("mon fri", "20:00", "23:00")],
            [_entry("mon fri", "17:00", "23:00")],
            id="touching",
        ),
        pytest.param(  # written weekend first: the weekend stays first, its days split by span
            [
                _slot("sat sun", "10:00", "14:00"),
                _slot("mon", "09:00", "17:00"),
                _slot("sat", "12:00", "24:00"),
            ],
            [
                _entry("sat", "10:00", "24:00"),
                _entry("sun", "10:00", "14:00"),
                _entry("mon", "09:00", "17:00"),
            ],
            id="overlapping-order-written",
        ),
        pytest.param(  # an hour grid of seven slots: one
            [_slot("tue", f"{h:02d}:00", f"{h + 1:02d}:00") for h in range(9, 16)],
            [_entry("tue", "09:00", "16:00")],
            id="hour-grid",
        ),
        pytest.param(  # apart: as written, but days of one span grouped
            [_slot("wed", "08:00", "09:00"), _slot("tue", "08:00", "09:00"), _slot("tue", "10:00", "11:00")],
            [_entry("tue wed", "08:00", "09:00"), _entry("tue", "10:00", "11:00")],
            id="apart",
        ),
    ],
)
def test_union_hours_merges_each_day_s_spans_and_keeps_the_written_order(
    written: list[HourSlot], union: list[dict[str, object]]
) -> None:
    assert union_hours(written) == union


@pytest.mark.parametrize(
    ("written", "days", "union"),
    [
        pytest.param(  # Saturday overlaps: merged; the weekday evenings back to back stay as written
            [
                _slot("tue mon", "17:00", "20:00"),
                _slot("sat", "10:00", "14:00"),
                _slot("mon tue", "20:00", "23:00"),
                _slot("sat", "12:00", "24:00"),
            ],
            {"sat"},
            [
                _entry("tue mon", "17:00", "20:00"),
                _entry("sat", "10:00", "24:00"),
                _entry("mon tue", "20:00", "23:00"),
            ],
            id="one-day",
        ),
        pytest.param(  # a slot of a merged day and another: split, each part where the slot stood
            [
                _slot("sun sat", "10:00", "14:00"),
                _slot("mon", "09:00", "17:00"),
                _slot("sat", "12:00", "24:00"),
            ],
            {"sat"},
            [
                _entry("sat", "10:00", "24:00"),
                _entry("sun", "10:00", "14:00"),
                _entry("mon", "09:00", "17:00"),
            ],
            id="split-slot",
        ),
    ],
)
def test_union_hours_on_some_days_keeps_the_other_days_slots_as_written(
    written: list[HourSlot], days: set[str], union: list[dict[str, object]]
) -> None:
    assert union_hours(written, days) == union


_ORDERS = list(itertools.permutations(("start", "end", "days")))


@pytest.mark.parametrize("ends", [False, True], ids=["no-end-comments", "end-comments"])
@pytest.mark.parametrize("style", ["block-days-flow", "block-days-block", "flow"])
@pytest.mark.parametrize("order", _ORDERS, ids=["-".join(o) for o in _ORDERS])
def test_rewrite_hours_keeps_every_comment_whatever_the_slots_key_order_and_style(
    order: tuple[str, ...], style: str, ends: bool
) -> None:
    """Slots in any key order and style, ``days`` last in flow style included (ruamel then holds the lines
    after a slot before the next one, in the list): every full-line comment and blank line survives the
    union, where it stood, and the merged slots' end-of-line comments end the new entry, joined. (Not the
    class ruamel.yaml loses on reading: a flow slot with no end-of-line comment, then one with.)"""
    written = [("sat", "10:00", "14:00"), ("mon", "09:00", "17:00"), ("sat", "12:00", "24:00")]
    text = "hours:\n"
    for number, (day, start, end) in enumerate(written):
        days = f"\n      - {day}" if style == "block-days-block" else f"[{day}]"
        values = {"start": f'"{start}"', "end": f'"{end}"', "days": days}
        lines = [f"{key}: {values[key]}" for key in order]
        slot = "{" + ", ".join(lines) + "}" if style == "flow" else "\n    ".join(lines)
        text += f"  - {slot}{f'  # e{number}' if ends else ''}\n  # c{number}\n\n"
    text += "x: 1\n"
    yaml = round_trip_yaml()
    data = yaml.load(text)
    hours = [_slot(*slot) for slot in written]
    _rewrite(data["hours"], hours, union_hours(hours, {"sat"}))
    out = io.StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue()
    assert all(dumped.count(f"# c{number}") == 1 for number in range(3)), dumped
    assert dumped.count("\n\n") == 3, dumped
    assert dumped.index("sat") < dumped.index("# c0") < dumped.index("mon") < dumped.index("# c1"), dumped
    assert [line.startswith("  - ") for line in dumped.splitlines()].count(True) == 2, dumped
    if ends:
        assert dumped.index("# e0; e2") < dumped.index("# c0") < dumped.index("# e1") < dumped.index("# c1")
