"""``midas mirror --to google`` of a campaign's ``schedule.hours`` that ran on Meta alone.

Hours that run on Meta alone may overlap, run back to back and number more than six a day: Meta runs each
day's union of spans (``connectors.meta_day_parts``). Google's slot rules (``spec._schedule_hours``: no
overlapping ad schedules, at most six a day) bind them once the campaign runs on Google. Where the hours as
written break those rules, they are rewritten as that union — the same schedule, which Meta runs so already,
so its ad sets plan no change — and the mirror says so; hours Google takes as written are left as written
(back-to-back slots, six or fewer a day). A day whose union still holds more than six separate slots has no
equal on Google: the mirror is refused, naming each such day and its count, and nothing is written.

The rewritten list keeps the order written: each entry stands where the first slot it takes in stood (days
of equal spans in one entry, Monday first, as ``import`` writes them); an entry equal to a written slot keeps
that slot as written (its days' order); each entry keeps the end-of-line comment of the first slot it takes
in that has one (each comment once), and the times keep the file's quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from midas_reconcile.connectors.meta_day_parts import day_parts, hours_of
from midas_reconcile.errors import MidasError
from midas_reconcile.spec._schedule_hours import HOURS, MAX_SLOTS_PER_DAY, minutes, slot_days
from midas_reconcile.spec.loader import locate
from midas_reconcile.spec.models import WEEKDAYS, CampaignSpec, HourSlot

Span = tuple[Sequence[str], int, int]  # a slot's days, start and end in minutes since midnight


def union_hours(hours: Sequence[HourSlot]) -> list[dict[str, Any]]:
    """``hours`` as each day's union of spans (``connectors.meta_day_parts``, what Meta runs), as
    ``schedule.hours`` entries in the order written (module docstring)."""
    written = slot_days(hours)
    merged = hours_of(day_parts(written))
    return sorted(merged, key=lambda entry: _taken_in(entry, written)[0])


def _taken_in(entry: dict[str, Any], written: Sequence[Span]) -> list[int]:
    """The indices of the written slots that the union ``entry`` takes in (one of its days, within its
    span), in order."""
    start, end = minutes(entry["start"]), minutes(entry["end"])
    return [
        index
        for index, (days, s, e) in enumerate(written)
        if set(days) & set(entry["days"]) and start <= s and e <= end
    ]


def _by_day(spans: Sequence[Span]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for days, start, end in spans:
        for day in dict.fromkeys(days):
            out.setdefault(day, []).append((start, end))
    return out


def _overlapping_days(spans: Sequence[Span]) -> list[str]:
    """The days on which two of ``spans`` overlap (Google's AD_SCHEDULE_TIME_INTERVALS_OVERLAP)."""
    found = []
    for day, day_spans in _by_day(spans).items():
        reach = -1
        for start, end in sorted(day_spans):
            if start < reach:
                found.append(day)
                break
            reach = max(reach, end)
    return sorted(found, key=WEEKDAYS.index)


def _crowded_days(spans: Sequence[Span]) -> dict[str, int]:
    """The days holding more than Google's six slots, and how many they hold."""
    by_day = _by_day(spans)
    return {day: len(by_day[day]) for day in WEEKDAYS if len(by_day.get(day, ())) > MAX_SLOTS_PER_DAY}


def hours_for_google(root: Path, doc: Any, name: str, data: Any) -> str | None:
    """Rewrite the campaign's ``schedule.hours`` in ``data`` (the round-trip YAML of campaign ``name``, spec
    ``doc``) as each day's union when Google refuses them as written, and say so (None: left as written).

    Raises MidasError, naming each day and its count, when a day's union still holds more than six slots."""
    spec: CampaignSpec = doc.spec
    written = slot_days(spec.schedule.hours)
    overlapping, crowded = _overlapping_days(written), _crowded_days(written)
    if not overlapping and not crowded:
        return None
    merged = union_hours(spec.schedule.hours)
    still = _crowded_days([(e["days"], minutes(e["start"]), minutes(e["end"])) for e in merged])
    if still:
        line, _ = locate(root, doc, HOURS)
        raise MidasError(
            f"campaign {name!r} runs on Meta at hours Google cannot take ({doc.file}:{line}: "
            f"spec.schedule.hours): merged into each day's union, {_counts(still)}, while Google takes at "
            "most six ad schedules a day (v26 AdScheduleInfo); expected at most six separate spans a day: "
            "join some and mirror again, or add Google by hand with hours of its own (google.hours; [] runs "
            "Google all the time), which keeps these Meta's alone; nothing written"
        )
    _rewrite(data["spec"]["schedule"]["hours"], spec.schedule.hours, merged)
    reasons = []
    if overlapping:
        reasons.append(f"overlapping ad schedules ({', '.join(overlapping)})")
    if crowded:
        reasons.append(
            "more than six a day (" + ", ".join(f"{day}: {count}" for day, count in crowded.items()) + ")"
        )
    return (
        "schedule.hours merged into each day's union for Google (the same hours: Meta runs them so already): "
        f"Google refuses {' and '.join(reasons)}; {len(written)} slots are now {len(merged)}"
    )


def _counts(crowded: dict[str, int]) -> str:
    """``mon has 7 separate slots and tue has 8``."""
    said = [f"{day} has {count}" for day, count in crowded.items()]
    said[0] += " separate slots"
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def _rewrite(listed: CommentedSeq, hours: Sequence[HourSlot], merged: Sequence[dict[str, Any]]) -> None:
    """Replace the written slots ``listed`` (the YAML of ``hours``) with ``merged`` in place: an entry
    equal to a written slot keeps it as written; comments as the module docstring says."""
    written = slot_days(hours)
    # New entries written as the file writes its first: its times' quotes, in flow style or not.
    quoted = type(listed[0]["start"]) if listed else str
    flow = not listed or bool(getattr(listed[0], "fa", None) and listed[0].fa.flow_style())
    comments = dict(listed.ca.items)
    items: list[Any] = []
    kept: dict[int, int] = {}  # each entry's index → the written slot whose comment it keeps
    for index, entry in enumerate(merged):
        span = (minutes(entry["start"]), minutes(entry["end"]))
        same = next(
            (
                i
                for i, (days, *s) in enumerate(written)
                if set(days) == set(entry["days"]) and tuple(s) == span
            ),
            None,
        )
        if same is not None:
            items.append(listed[same])
        else:
            days = CommentedSeq(entry["days"])
            days.fa.set_flow_style()
            slot = CommentedMap(days=days, start=quoted(entry["start"]), end=quoted(entry["end"]))
            if flow:
                slot.fa.set_flow_style()
            items.append(slot)
        sources = [same] if same is not None else _taken_in(entry, written)
        source = next((i for i in sources if i in comments and i not in kept.values()), None)
        if source is not None:
            kept[index] = source
    listed[:] = items
    listed.ca.items.clear()
    listed.ca.items.update({index: comments[source] for index, source in kept.items()})
