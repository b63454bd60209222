"""``midas mirror --to google`` of a campaign's ``schedule.hours`` that ran on Meta alone.

Hours that run on Meta alone may overlap, run back to back and number more than six a day: Meta runs each
day's union of spans (``connectors.meta_day_parts``). Google's slot rules (``spec._schedule_hours``: no
overlapping ad schedules, at most six a day) bind them once the campaign runs on Google. On each day whose
slots break those rules, they are rewritten as that day's union — the same schedule, which Meta runs so
already, so its ad sets plan no change — and the mirror says so; the other days' slots, which Google takes
(back-to-back slots, six or fewer a day), stay as written (a slot of both kinds of day is split in two). A
day whose union still holds more than six separate slots has no equal on Google: the mirror is refused,
naming each such day and its count, and nothing is written; so is one merging away a slot that holds a YAML
anchor (ruamel would write the value out at its alias instead, rewriting a line never touched). An app
campaign is left to validation, which refuses its hours saying what does: Google runs it all the time, so no
slots would do. Hours that no Meta
ad set runs (each its own, ``spec._schedule_hours.hours_no_ad_set_runs``: a warning) are left as written too:
"Meta runs them so already" would be false of them, and Google's validation of the edited spec says what it
refuses (``mirror`` lists them as needing attention).

The rewritten list keeps the order written: each entry stands where the first slot it takes in stood (days
of equal spans in one entry, Monday first, as ``import`` writes them); an entry equal to a written slot keeps
that slot as written (its days' order). Comments: each written slot's end-of-line comments (ruamel holds a
flow-style slot's in the list, a block one's under its last key) end the entry that keeps it, else the first
taking it in, joined when several land on one (``# brunch; sat b``; a new block entry's on its ``end``); the
blank lines and full-line comments after a slot (ruamel holds them under its last comment, else before the
next slot; it drops them on reading between a flow slot ending with no comment and one ending with one) stand
before the entry taking in the next slot, and those after the list (the next section's
comment) after whatever ends it. New entries are written as the file's first slot is: its keys' order, the
times' quotes, flow style or block, and ``days`` in flow style or block.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from midas_reconcile.connectors.meta_day_parts import day_parts, hours_of
from midas_reconcile.errors import MidasError
from midas_reconcile.round_trip import flow_mapping
from midas_reconcile.spec._schedule_hours import (
    HOURS,
    MAX_SLOTS_PER_DAY,
    hours_no_ad_set_runs,
    minutes,
    slot_days,
)
from midas_reconcile.spec.loader import locate
from midas_reconcile.spec.models import WEEKDAYS, CampaignSpec, HourSlot, Objective

Span = tuple[Sequence[str], int, int]  # a slot's days, start and end in minutes since midnight


def union_hours(hours: Sequence[HourSlot], days: Collection[str] = WEEKDAYS) -> list[dict[str, Any]]:
    """``hours`` with each of ``days`` as its union of spans (``connectors.meta_day_parts``, what Meta runs)
    and the other days' slots as written, as ``schedule.hours`` entries in the order written (module
    docstring)."""
    written = slot_days(hours)
    merged = hours_of(day_parts([(on, s, e) for d, s, e in written if (on := [x for x in d if x in days])]))
    kept = [
        {"days": rest, "start": slot.start, "end": slot.end}
        for slot in hours
        if (rest := [d for d in dict.fromkeys(slot.days) if d not in days])
    ]
    return sorted(
        merged + kept, key=lambda entry: (_taken_in(entry, written)[0], WEEKDAYS.index(entry["days"][0]))
    )


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
    ``doc``) as each day's union on the days Google refuses as written, and say so (None: left as written;
    an app campaign's always, module docstring).

    Raises MidasError, naming each day and its count, when a day's union still holds more than six slots."""
    spec: CampaignSpec = doc.spec
    if spec.objective == Objective.APP_PROMOTION:
        # Google runs an app campaign all the time: no slots would do, merged or not, and validation refuses
        # its hours saying what does (google.hours: [] keeps them Meta's).
        return None
    if hours_no_ad_set_runs(spec):  # Meta runs none of them: no union of them is "the same hours"
        return None
    written = slot_days(spec.schedule.hours)
    overlapping, crowded = _overlapping_days(written), _crowded_days(written)
    if not overlapping and not crowded:
        return None
    merged = union_hours(spec.schedule.hours, {*overlapping, *crowded})
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
    listed = data["spec"]["schedule"]["hours"]
    _refuse_anchors(
        listed, [s for s in range(len(listed)) if s not in _kept(merged, written)], doc.file, name
    )
    _rewrite(listed, spec.schedule.hours, merged)
    reasons = []
    if overlapping:
        reasons.append(f"overlapping ad schedules ({', '.join(overlapping)})")
    if crowded:
        reasons.append(
            "more than six a day (" + ", ".join(f"{day}: {count}" for day, count in crowded.items()) + ")"
        )
    return (
        "schedule.hours merged into each day's union for Google on the days it refuses as written (the same "
        "hours: Meta runs them so already; other days' slots as written): Google refuses "
        f"{' and '.join(reasons)}; {len(written)} slots are now {len(merged)}"
    )


def _kept(merged: Sequence[dict[str, Any]], written: Sequence[Span]) -> set[int]:
    """The written slots that an entry of ``merged`` equals, kept as written."""
    return {kept for entry in merged if (kept := _same_slot(entry, written)) is not None}


def _refuse_anchors(listed: CommentedSeq, merged_away: Sequence[int], file: object, name: str) -> None:
    """Raise MidasError naming the first anchor within a slot merged away: ruamel would write the anchored
    node out at an alias of it instead, rewriting a line the merge never touched."""
    for slot in merged_away:
        anchor = next(iter(_anchors(listed[slot])), None)
        if anchor is not None:
            raise MidasError(
                f"campaign {name!r} runs on Meta at hours Google refuses as written, to merge into each "
                f"day's union, but the slot at {file}:{listed.lc.item(slot)[0] + 1} (spec.schedule.hours) "
                f"holds the anchor &{anchor}, which merging it away would move to an alias of it "
                f"(*{anchor}); expected no anchor in a slot merged away: write its value out where it is "
                "aliased, drop the anchor and mirror again; nothing written"
            )


def _anchors(node: Any) -> list[str]:
    """The names of the anchors on ``node`` and within it, in the order written."""
    anchor = getattr(getattr(node, "anchor", None), "value", None)
    found = [anchor] if anchor else []
    if isinstance(node, CommentedMap | CommentedSeq):
        for child in node.values() if isinstance(node, CommentedMap) else node:
            found += _anchors(child)
    return found


def _counts(crowded: dict[str, int]) -> str:
    """``mon has 7 separate slots and tue has 8``."""
    said = [f"{day} has {count}" for day, count in crowded.items()]
    said[0] += " separate slots"
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def _rewrite(listed: CommentedSeq, hours: Sequence[HourSlot], merged: Sequence[dict[str, Any]]) -> None:
    """Replace the written slots ``listed`` (the YAML of ``hours``) with ``merged`` in place: an entry
    equal to a written slot keeps it as written; comments as the module docstring says."""
    written = slot_days(hours)
    same = [_same_slot(entry, written) for entry in merged]
    # Each written slot's comments go to one entry: the one keeping it as written, else the first taking it in
    owner = {kept: index for index, kept in enumerate(same) if kept is not None}
    for index, entry in enumerate(merged):
        for slot in _taken_in(entry, written):
            owner.setdefault(slot, index)
    said = [_comments(listed, slot, whole=slot not in same) for slot in range(len(listed))]
    items = [
        listed[kept] if kept is not None else _new_entry(entry, listed)
        for entry, kept in zip(merged, same, strict=True)
    ]
    # The lines after a slot (blank, full-line comments) stand before what followed it: before the entry
    # taking in the next slot (when that entry is first, after the entry taking in the slot itself); what
    # followed the list, after whatever ends it now.
    after = [""] * len(items)
    for slot, lines in enumerate(s.after for s in said):
        following = owner[slot + 1] if slot + 1 < len(said) else len(items)
        after[following - 1 if following else owner[slot]] += lines
    listed[:] = items
    listed.ca.items.clear()
    for index in range(len(items)):
        _place(listed, index, [said[slot] for slot in sorted(owner) if owner[slot] == index], after[index])


def _new_entry(entry: dict[str, Any], listed: CommentedSeq) -> CommentedMap:
    """``entry`` written as the file writes its first slot: its keys' order, its times' quotes, in flow style
    or block, its days in flow style or block."""
    first = listed[0] if listed else flow_mapping(days=[], start="")
    days = CommentedSeq(entry["days"])
    if isinstance(first["days"], CommentedSeq) and first["days"].fa.flow_style() is False:
        days.fa.set_block_style()
    else:
        days.fa.set_flow_style()
    quoted = type(first["start"])
    values = {"days": days, "start": quoted(entry["start"]), "end": quoted(entry["end"])}
    new = CommentedMap((key, values[key]) for key in sorted(values, key=[*first, *values].index))
    if first.fa.flow_style():
        new.fa.set_flow_style()
    return new


def _same_slot(entry: dict[str, Any], written: Sequence[Span]) -> int | None:
    """The index of the written slot ``entry`` equals (its days and span), if any."""
    span = (minutes(entry["start"]), minutes(entry["end"]))
    return next(
        (i for i, (days, *s) in enumerate(written) if set(days) == set(entry["days"]) and tuple(s) == span),
        None,
    )


class _Said:
    """A written slot's comments: its end-of-line ones (``# brunch``), the lines after it (blank lines and
    full-line comments before what comes next; after the last slot, before the next key) and the column of
    the first."""

    def __init__(self) -> None:
        self.ends: list[str] = []
        self.after = ""
        self.column: int | None = None

    def add(self, token: Any) -> None:
        end, _, after = token.value.partition("\n")
        if end.strip():
            self.ends.append(end.strip())
            if self.column is None:
                self.column = token.column
        self.after += after


def _comments(listed: CommentedSeq, slot: int, *, whole: bool) -> _Said:
    """The comments of slot ``slot`` of ``listed``: the one ending it (ruamel holds it in the list for a
    flow-style slot, under the slot's last key for a block one), the lines after it held before the next
    slot, and, when ``whole`` (a slot merged away), every other within it (a block slot's
    ``start: "10:00"  # opens``)."""
    said = _Said()
    items, key, position = _tail(listed, slot)
    ending = items.get(key, [None] * 4)[position]
    tokens = [ending] if ending is not None else []
    if whole:
        tokens = [t for t in _tokens(listed[slot]) if t is not ending] + tokens
    for token in tokens:
        said.add(token)
    # A block slot ending in a flow value (`days: [sat]` last): ruamel holds the lines after it (blank, full
    # comments) before the next slot, in the list, each token's first line without its indent.
    for token in listed.ca.items.get(slot + 1, [None, None])[1] or ():
        said.after += (" " * token.column if token.value.startswith("#") else "") + token.value
    return said


def _tail(listed: CommentedSeq, slot: int) -> tuple[dict[Any, Any], Any, int]:
    """Where the comment ending slot ``slot`` of ``listed`` is held: the ``ca.items`` of its node, the key and
    the position (0 in a list, 2 in a mapping), through the block collections that end it."""
    node: Any = listed
    key: Any = slot
    position = 0
    while isinstance(child := node[key], CommentedMap | CommentedSeq) and child and not child.fa.flow_style():
        mapping = isinstance(child, CommentedMap)
        node, key, position = child, list(child)[-1] if mapping else len(child) - 1, 2 if mapping else 0
    return node.ca.items, key, position


def _tokens(node: Any) -> list[Any]:
    """Every comment token within ``node``, in the order written."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return []
    keys = list(node) if isinstance(node, CommentedMap) else range(len(node))
    found = []
    for key in keys:
        found += [t for t in node.ca.items.get(key, ()) if isinstance(t, CommentToken)]
        found += _tokens(node[key])
    return found


def _place(listed: CommentedSeq, index: int, taken: Sequence[_Said], after: str) -> None:
    """End entry ``index`` of ``listed`` with the end-of-line comments of the written slots it took in,
    joined on its last line (``# brunch; sat b``), then the lines ``after`` it: nothing else (a kept block
    slot's own comment there, gathered already, may belong elsewhere now)."""
    ends = list(dict.fromkeys(end for said in taken for end in said.ends))
    end = "; ".join([ends[0], *(e.lstrip("#").strip() for e in ends[1:])]) if ends else ""
    column = next((said.column for said in taken if said.column is not None), 0)
    token = CommentToken(f"{end}\n{after}", CommentMark(column)) if end or after else None
    items, key, position = _tail(listed, index)
    if token is not None or key in items:
        items.setdefault(key, [None] * 4)[position] = token
