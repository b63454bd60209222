"""Every human-facing format of plans and drift reports: text, markdown, json.

``text`` is Terraform-like: one header line per change (``+`` create, ``~`` update, ``-/+`` replace,
``!`` pause, ``-`` delete, ``->`` a record moved and nothing else) with the address and the reason, then
``    ~ field: before → after`` lines (and ``    # moved from <address>`` for a moved record: a renamed
campaign's or ad group's says how many records move with it, those that do nothing else not listed); money
fields also in currency units when the account currency is known. ANSI colours only with
``color=True`` (the CLI passes it on a TTY). ``markdown`` is meant for a pull-request comment: a summary
table, one collapsible ``<details>`` per account with a ``diff`` code block, warnings and violations as
lists. ``json`` is the plan's own versioned form (``Plan.to_json``) or the drift report's ``to_dict``.

Only plans and reports are rendered: nothing from settings ever reaches this module.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

from midas_reconcile.diff import MONEY_FIELDS, is_immutable
from midas_reconcile.drift_report import DriftField, DriftItem, DriftReport
from midas_reconcile.importing.unheld import DISPLAY_LINK
from midas_reconcile.plan import Action, Change, Plan, moved_noun
from midas_reconcile.policies import budget_amount, format_amount
from midas_reconcile.renames import campaign_head, group_of
from midas_reconcile.resources import (
    ASSET_GROUP_LEVEL,
    CAMPAIGN_LEVEL,
    GOOGLE,
    GROUP_LEVEL,
    META,
    Address,
)
from midas_reconcile.spec._google_hotel import percent_cpc_percent

if TYPE_CHECKING:  # the applier pulls in connectors; rendering a plan must not
    from midas_reconcile.applier import ApplyResult

Format = Literal["text", "markdown", "json"]
Paint = Callable[[str, str], str]

SYMBOLS: Final = {
    Action.CREATE: "+",
    Action.UPDATE: "~",
    Action.REPLACE: "-/+",
    Action.PAUSE: "!",
    Action.DELETE: "-",
}
#: An existing audience renamed or deleted in a console reads as its own change or deletion.
DRIFT_SYMBOLS: Final = {
    "changed": "~",
    "deleted": "-",
    "added": "+",
    "unmarked": "!",
    "copy": "?",
    "renamed": "~",
    "missing": "-",
    "unrecorded": "~",
    "unlinked": "~",
    "unheld": "!",
}
#: The kinds whose rename takes what is under them along (``renames``): their moved records are counted at
#: them, not listed one by one.
_RENAMED_KINDS: Final = frozenset(
    {*CAMPAIGN_LEVEL.kinds.values(), *GROUP_LEVEL.kinds.values(), *ASSET_GROUP_LEVEL.kinds.values()}
)
#: A change that only moves MIDAS's record (a renamed Google ad, whose name Google does not keep; a renamed
#: Meta ad's creative).
MOVED_SYMBOL: Final = "->"
_ACTION_COLORS: Final = {
    Action.CREATE: "32",
    Action.UPDATE: "33",
    Action.REPLACE: "35",
    Action.PAUSE: "36",
    Action.DELETE: "31",
}
_DRIFT_COLORS: Final = {
    "changed": "33",
    "deleted": "31",
    "added": "32",
    "unmarked": "35",
    "copy": "36",
    "renamed": "33",
    "missing": "31",
    "unrecorded": "33",
    "unlinked": "33",
    "unheld": "35",
}
_BOLD: Final = "1"
_RED: Final = "31"
_YELLOW: Final = "33"
NO_CHANGES: Final = "No changes. Live state matches the specs."
#: The live state does not match when something blocks the plan (a conflict hides what it would change).
BLOCKED_WITHOUT_CHANGES: Final = "No changes planned, but the violations block the apply."
NO_DRIFT: Final = "No drift."


def _painter(color: bool) -> Paint:
    if not color:
        return lambda text, _code: text
    return lambda text, code: f"\x1b[{code}m{text}\x1b[0m"


def summary_line(plan: Plan) -> str:
    """``Plan: 3 to create, 1 to update, 0 to replace, 1 to pause, 0 to delete.``, or ``NO_CHANGES`` (or
    ``BLOCKED_WITHOUT_CHANGES`` when the plan has violations)."""
    if not plan.has_changes:
        return BLOCKED_WITHOUT_CHANGES if plan.violations else NO_CHANGES
    counts = plan.summary()
    line = "Plan: " + ", ".join(f"{counts[a.value]} to {a.value}" for a in SYMBOLS)
    counted = (
        (len(plan.moves), "move"),
        (len(plan.lifecycle_updates), "update"),
        (len(plan.record_refreshes), "refresh"),
        (len(plan.forgets), "drop"),
    )
    for count, what in counted:
        if count:
            line += f", {count} record{'s' if count != 1 else ''} to {what}"
    return line + "."


#: A Meta creative's ``display_link`` of a spec naming the link's own domain (``spec._meta_display_link
#: .HELD_AS_NONE``): none shown on the ad, held by the spec (``importing.unheld``), so shown as none.
_HELD_AS_NONE: Final = ""


def _is_meta_creative(address: Address) -> bool:
    return address.platform == META and address.kind == "adcreative"


#: A Hotel ad group's percent CPC bid, in micros of the fraction (``spec._google_hotel``): shown as a percent.
_PERCENT_CPC_BID: Final = "percent_cpc_bid_micros"


def format_value(
    value: Any,
    path: str,
    address: Address,
    currencies: Mapping[str, str],
    places: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """A field value as shown in plans: JSON text, ``(none)`` when absent (or a Meta creative's held display
    link of none, ``_HELD_AS_NONE``), money fields (platform units) followed by the amount in currency units
    when the account currency is known, a Hotel ad group's ``percent_cpc_bid_micros`` followed by the percent
    the spec writes (``125000 (12.5%)``, any currency), and places named by id followed by their entries
    (``places``: account → {id: entry}; ``San Francisco, US-CA``)."""
    if value is None or (value == _HELD_AS_NONE and path == DISPLAY_LINK and _is_meta_creative(address)):
        return "(none)"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    named = (places or {}).get(address.account)
    if named:
        from midas_reconcile.targeting.places import place_ids  # lazy: the targeting tables

        ids = [i for i in place_ids(address.platform, address.kind, value, path) if i in named]
        if len(ids) == 1 and not isinstance(value, (Mapping, list)):
            return f"{text} ({named[ids[0]]})"
        if ids:
            return f"{text} ({'; '.join(f'{i} = {named[i]}' for i in ids)})"
    if path == _PERCENT_CPC_BID and address.platform == GOOGLE and type(value) is int:
        return f"{text} ({percent_cpc_percent(value)}%)"
    currency = currencies.get(address.account)
    if currency and path.rsplit(".", 1)[-1] in MONEY_FIELDS and not isinstance(value, bool):
        try:
            units = int(value)
        except (TypeError, ValueError):
            return text
        amount = budget_amount(address.platform, units, currency)
        if amount is not None:
            text = f"{units} ({format_amount(amount, currency)})"
    return text


def _place_named(address: Address, places: Mapping[str, Mapping[str, str]] | None) -> str:
    """`` (San Francisco, US-CA)`` after the address of a location criterion, which names its place by id."""
    from midas_reconcile.targeting.places import place_id_in_address  # lazy: the targeting tables

    found = place_id_in_address(address.platform, address.kind, address.path)
    entry = (places or {}).get(address.account, {}).get(found) if found is not None else None
    return f" ({entry})" if entry else ""


def _listed(changes: Sequence[Change]) -> tuple[list[Change], dict[Address, int]]:
    """The changes a plan lists, and the records under a renamed campaign or ad group that move along and
    do nothing else (NOOPs), counted at it instead of listed (a campaign holds hundreds): each renamed
    object → how many."""
    renamed = {c.address for c in changes if c.moved_from is not None and c.address.kind in _RENAMED_KINDS}
    if not renamed:
        return list(changes), {}
    listed: list[Change] = []
    under: dict[Address, int] = {}
    for change in changes:
        owner = None
        if change.action is Action.NOOP and change.moved_from is not None:
            owner = campaign_head(change.address)
            if owner not in renamed:
                owner = group_of(change.address)
        if owner in renamed:
            assert owner is not None
            under[owner] = under.get(owner, 0) + 1
        else:
            listed.append(change)
    return listed, under


def _change_lines(
    change: Change,
    currencies: Mapping[str, str],
    paint: Paint,
    under: Mapping[Address, int],
    places: Mapping[str, Mapping[str, str]] | None = None,
) -> list[str]:
    address = change.address
    named = _place_named(address, places)
    if change.action is Action.NOOP:  # a record moved alone (``Plan.shown``)
        lines = [paint(f"{MOVED_SYMBOL} {address}", _YELLOW) + f"{named} — {change.reason}"]
    else:
        symbol = SYMBOLS[change.counted_as]
        lines = [
            paint(f"{symbol} {address}", _ACTION_COLORS[change.counted_as]) + f"{named} — {change.reason}"
        ]
    if change.moved_from is not None:
        platform_id = change.before.platform_id if change.before else None
        what = moved_noun(change.address)
        along = under.get(address, 0)
        with_them = f", with the {along} record{'s' if along != 1 else ''} under it" if along else ""
        lines.append(f"    # moved from {change.moved_from} (the same {what}, id {platform_id}){with_them}")
    if change.action is Action.CREATE and change.after is not None:
        for name in sorted(change.after.fields):
            value = change.after.fields[name]
            if value is not None:
                lines.append(f"    + {name}: {format_value(value, name, address, currencies, places)}")
        for name, target in sorted(change.after.refs.items()):
            lines.append(f"    + refs.{name}: {target}")
    elif change.action is not Action.DELETE:
        for field in change.fields:
            before = format_value(field.before, field.path, address, currencies, places)
            after = format_value(field.after, field.path, address, currencies, places)
            note = (
                "  (forces replacement)"
                if change.action is Action.REPLACE and is_immutable(field.path, address)
                else ""
            )
            lines.append(f"    ~ {field.path}: {before} → {after}{note}")
    if change.irreversible:
        lines.append(paint("    # irreversible: Google removal cannot be undone", _RED))
    lines.extend(f"    # warning: {warning}" for warning in change.warnings)
    return lines


def _plan_text(plan: Plan, paint: Paint, show_unmanaged: bool, currencies: Mapping[str, str]) -> str:
    out = [paint(f"MIDAS plan for {', '.join(plan.accounts) or '(no accounts)'}", _BOLD), ""]
    listed, under = _listed(plan.shown)
    for change in listed:
        out.extend(_change_lines(change, currencies, paint, under, plan.places))
        out.append("")
    if plan.warnings:
        out.append(paint("Warnings:", _YELLOW))
        out.extend(f"  - {w}" for w in plan.warnings)
        out.append("")
    if plan.violations:
        out.append(paint("Violations (apply is blocked):", _RED))
        out.extend(paint(f"  - {v}", _RED) for v in plan.violations)
        out.append("")
    sections = ((_EXISTING, _existing_entries(plan)), (_RELEASED, list(map(str, plan.released))))
    for title, entries in (
        *sections,
        (_LIFECYCLE, _lifecycle_entries(plan)),
        (_REFRESHED, _refresh_entries(plan)),
        (_GONE, list(map(str, _gone(plan)))),
    ):
        if entries:
            out.append(f"{title}:")
            out.extend(f"  {entry}" for entry in entries)
            out.append("")
    if plan.unmanaged:
        if show_unmanaged:
            out.append("Unmanaged (never touched by MIDAS):")
            out.extend(f"  {address}" for address in plan.unmanaged)
        else:
            count = len(plan.unmanaged)
            out.append(f"{count} unmanaged resource{'s' if count != 1 else ''} not shown (--show-unmanaged).")
        out.append("")
    out.append(paint(summary_line(plan), _BOLD))
    return "\n".join(out) + "\n"


#: The headings of a plan's existing audiences (``Plan.existing``) and of those it lets go (``released``).
_EXISTING = "Existing audiences, found by name (built outside MIDAS, never changed)"
_RELEASED = (
    "Let go: what MIDAS applied that is now built or used outside it (an audience, a creative another ad "
    "runs, what a restore hands back to the console; records dropped, never deleted)"
)


_GONE = "Records to drop: gone from the platforms, and from the specs"
_LIFECYCLE = "Records to update: the lifecycle the specs set (MIDAS's own, nothing is sent to the platforms)"
_REFRESHED = (
    "Records to refresh: console changes the specs now hold, or no longer specify, and objects made as the "
    "specs have them (nothing is sent to the platforms)"
)


def _refresh_entries(plan: Plan) -> list[str]:
    return [f"{address}: {', '.join(paths)}" for address, paths in plan.record_refreshes.items()]


def _lifecycle_entries(plan: Plan) -> list[str]:
    """One line per campaign (or shared budget, audience) whose records' ``on_remove`` changes: a campaign's
    setting is every record of it."""
    counts: dict[tuple[Address, str, str], int] = {}
    for address, (old, new) in plan.lifecycle_updates.items():
        key = (campaign_head(address) or address, old, new)
        counts[key] = counts.get(key, 0) + 1
    return [
        f"{head}: lifecycle.on_remove {old} → {new} ({count} record{'s' if count != 1 else ''})"
        for (head, old, new), count in sorted(counts.items(), key=lambda item: item[0][0].sort_key())
    ]


def _gone(plan: Plan) -> list[Address]:
    released = set(plan.released)
    return [a for a in plan.forgets if a not in released]


def _existing_entries(plan: Plan) -> list[str]:
    return [f"{address} (id {platform_id})" for address, platform_id in plan.existing.items()]


def _md(text: str) -> str:
    """Escape text for markdown list items and table cells (HTML and pipes; code spans stay)."""
    return html.escape(text, quote=False).replace("|", "\\|")


def _fenced(body: str, info: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def _plan_markdown(plan: Plan, show_unmanaged: bool, currencies: Mapping[str, str]) -> str:
    plain = _painter(False)
    out = ["## MIDAS plan", "", f"**{summary_line(plan)}**", ""]
    by_account: dict[str, list[Change]] = {}
    for change in plan.shown:
        by_account.setdefault(change.address.account, []).append(change)
    if by_account:
        actions = list(SYMBOLS)
        moves = any(c.moved_from is not None for c in plan.shown)
        headers = [*(a.value.capitalize() for a in actions), *(["Records to move"] if moves else [])]
        out.append("| Account | " + " | ".join(headers) + " |")
        out.append("|---|" + "---:|" * len(headers))
        for account in sorted(by_account):
            changes = by_account[account]
            counts = [sum(1 for c in changes if c.counted_as is a) for a in actions]
            if moves:
                counts.append(sum(1 for c in changes if c.moved_from is not None))
            out.append(f"| {_md(account)} | " + " | ".join(str(n) for n in counts) + " |")
        out.append("")
        for account in sorted(by_account):
            changes = by_account[account]
            listed, under = _listed(changes)
            body = "\n\n".join(
                "\n".join(_change_lines(c, currencies, plain, under, plan.places)) for c in listed
            )
            count, along = len(listed), sum(under.values())
            moving = f", {along} record{'s' if along != 1 else ''} moving along" if along else ""
            out += [
                f"<details><summary><b>{html.escape(account)}</b>: {count} change{'s' if count != 1 else ''}"
                f"{moving}</summary>",
                "",
                _fenced(body, "diff"),
                "",
                "</details>",
                "",
            ]
    sections: list[tuple[str, Sequence[str]]] = [
        ("Violations (apply is blocked)", plan.violations),
        ("Warnings", plan.warnings),
    ]
    sections.append((_EXISTING, _existing_entries(plan)))
    sections.append((_RELEASED, [f"`{a}`" for a in plan.released]))
    sections.append((_LIFECYCLE, _lifecycle_entries(plan)))
    refreshed = [f"`{address}`: {', '.join(paths)}" for address, paths in plan.record_refreshes.items()]
    sections.append((_REFRESHED, refreshed))
    sections.append((_GONE, [f"`{a}`" for a in _gone(plan)]))
    if show_unmanaged:
        sections.append(("Unmanaged (never touched by MIDAS)", [f"`{a}`" for a in plan.unmanaged]))
    for title, entries in sections:
        if entries:
            out += [f"### {title}", "", *(f"- {_md(e)}" for e in entries), ""]
    if plan.unmanaged and not show_unmanaged:
        out += [f"_{len(plan.unmanaged)} unmanaged resource(s) not shown._", ""]
    return "\n".join(out)


def render_plan(
    plan: Plan,
    *,
    fmt: Format,
    color: bool = False,
    show_unmanaged: bool = False,
    currencies: Mapping[str, str] | None = None,
) -> str:
    """The plan as ``text``, ``markdown`` or ``json`` (``Plan.to_json``, the saved-plan form).

    Guardrail violations are shown from ``plan.violations``: the caller adds ``str(violation)`` for
    each one ``policies.enforce`` keeps. ``currencies`` maps account names to currency codes.
    """
    currencies = currencies or {}
    if fmt == "json":
        return plan.to_json()
    if fmt == "markdown":
        return _plan_markdown(plan, show_unmanaged, currencies)
    if fmt == "text":
        return _plan_text(plan, _painter(color), show_unmanaged, currencies)
    raise ValueError(f"unknown format {fmt!r} (expected text, markdown or json)")


# --- drift ------------------------------------------------------------------------------------------


def _spec_note(field: DriftField) -> str:
    """What the specs and the plan say of a field changed out of band."""
    if field.spec_agrees is None:
        return ""
    if field.spec_agrees:
        return "specs now agree with live"
    # Its campaign lost MIDAS's marker: the plan, refusing it, restores nothing in it.
    return "plan is blocked: not restored" if field.blocked else "plan would restore the specs"


def _drift_lines(
    item: DriftItem,
    currencies: Mapping[str, str],
    paint: Paint,
    places: Mapping[str, Mapping[str, str]] | None = None,
) -> list[str]:
    symbol = DRIFT_SYMBOLS[item.kind]
    named = _place_named(item.address, places)
    lines = [paint(f"{symbol} {item.address}", _DRIFT_COLORS[item.kind]) + f"{named} — {item.message}"]
    for field in item.fields:
        recorded = format_value(field.recorded, field.path, item.address, currencies, places)
        live = format_value(field.live, field.path, item.address, currencies, places)
        note = _spec_note(field)
        lines.append(f"    ~ {field.path}: {recorded} → {live}" + (f"  ({note})" if note else ""))
    return lines


def _drift_headline(report: DriftReport) -> str:
    if not report.has_drift:
        return f"{NO_DRIFT} Live state matches what MIDAS last applied ({report.checked} resources checked)."
    count = len(report.items)
    return f"Drift: {count} finding{'s' if count != 1 else ''} ({report.checked} managed resources checked)."


def _drift_markdown(report: DriftReport, currencies: Mapping[str, str]) -> str:
    out = ["## MIDAS drift", "", f"**{_drift_headline(report)}**", ""]
    if report.notes:
        out += [*(f"- note: {_md(note)}" for note in report.notes), ""]
    if not report.has_drift:
        return "\n".join(out)
    out += ["| Resource | Finding | Field | Recorded | Live | Specs |", "|---|---|---|---|---|---|"]
    for item in report.items:
        resource = f"`{item.address}`{_place_named(item.address, report.places)}"
        if not item.fields:
            out.append(f"| {resource} | {_md(item.message)} | | | | |")
        for field in item.fields:
            recorded = format_value(field.recorded, field.path, item.address, currencies, report.places)
            live = format_value(field.live, field.path, item.address, currencies, report.places)
            # A change is told by its fields; another finding (an object added, with what the plan changes
            # of it) by its message.
            finding = item.kind if item.kind == "changed" else _md(item.message)
            out.append(
                f"| {resource} | {finding} | `{_md(field.path)}` | {_md(recorded)} | {_md(live)} "
                f"| {_spec_note(field)} |"
            )
    out.append("")
    return "\n".join(out)


def render_drift(
    report: DriftReport,
    *,
    fmt: Format,
    color: bool = False,
    currencies: Mapping[str, str] | None = None,
) -> str:
    """The drift report as ``text``, ``markdown`` or ``json`` (``DriftReport.to_dict``)."""
    currencies = currencies or {}
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)
    if fmt == "markdown":
        return _drift_markdown(report, currencies)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (expected text, markdown or json)")
    paint = _painter(color)
    out = [paint(_drift_headline(report), _BOLD)]
    for item in report.items:
        out.append("")
        out.extend(_drift_lines(item, currencies, paint, report.places))
    if report.notes:  # left alone by the plan: no drift, told
        out.append("")
        out.extend(f"note: {note}" for note in report.notes)
    return "\n".join(out) + "\n"


# --- apply result -------------------------------------------------------------------------------------


def render_apply_json(plan: Plan, result: ApplyResult | None) -> str:
    """``midas apply --format json``: one document, ``{"plan": <the JSON plan>, "apply": <what the apply
    did, as render_apply_result's JSON>, "error": null}``; ``apply`` is null when nothing was applied."""
    return json.dumps(apply_document(plan, result), indent=2, ensure_ascii=False)


def apply_document(plan: Plan | None, result: ApplyResult | None) -> dict[str, Any]:
    """The keys of ``midas apply --format json``'s document (null where nothing was made); a failure
    fills ``error`` (``render_error_json``)."""
    return {
        "plan": None if plan is None else json.loads(plan.to_json()),
        "apply": None if result is None else _apply_result_data(result),
        "error": None,
    }


def render_error_json(error: Exception, document: Mapping[str, Any]) -> str:
    """A command's failure under ``--format json``: its ``document`` so far (the keys it prints, null
    where nothing was made) with ``error``: ``{type, message}`` — the class of the error
    (``SpecError``, ``PlanError``, ``AuthError`` …; ``UsageError`` for bad options) and what the
    ``Error:`` line on stderr says —, plus the ``issues`` of a ``SpecError`` (``file``, ``line``,
    ``column``, ``field``, ``message``) and the ``violations`` of a ``PolicyViolation``."""
    import click

    from midas_reconcile.errors import PolicyViolation, SpecError

    kind = "UsageError" if isinstance(error, click.UsageError) else type(error).__name__
    message = error.format_message() if isinstance(error, click.ClickException) else str(error)
    data: dict[str, Any] = {"type": kind, "message": message}
    if isinstance(error, SpecError):
        data["issues"] = [dataclasses.asdict(issue) for issue in error.issues]
    if isinstance(error, PolicyViolation):
        data["violations"] = list(error.violations)
    return json.dumps({**document, "error": data}, indent=2, ensure_ascii=False)


def _apply_result_data(result: ApplyResult) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "counts": result.counts(),
        "write_calls": dict(sorted(result.write_calls.items())),
        "outcomes": [
            {
                "address": str(o.address),
                "action": o.action.value,
                "status": o.status,
                "platform_id": o.platform_id,
                "message": o.message,
            }
            for o in result.outcomes
        ],
    }


def render_apply_result(result: ApplyResult, *, fmt: Format = "text", color: bool = False) -> str:
    """What an apply did: counts per outcome, write calls, and each failure with the platform's
    message (or the failed resource a skipped one depended on)."""
    counts = result.counts()
    calls = sum(result.write_calls.values())
    if fmt == "json":
        return json.dumps(_apply_result_data(result), indent=2, ensure_ascii=False)
    records = "".join(
        f"{n} record{'s' if n != 1 else ''} {what}, "
        for what in ("moved", "updated", "dropped")
        if (n := counts[what])
    )
    headline = (
        f"Apply {'complete' if result.ok else 'incomplete'}: {counts['applied']} applied, {records}"
        f"{counts['failed']} failed, {counts['skipped']} skipped "
        f"({calls} write call{'s' if calls != 1 else ''})."
    )
    failures = result.failures
    if fmt == "markdown":
        lines = [f"**{headline}**"]
        if failures:
            lines += ["", "### Failures", ""]
            lines += [
                f"- **{o.status}**: {o.action.value} `{o.address}` — {_md(o.message)}" for o in failures
            ]
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (expected text, markdown or json)")
    paint = _painter(color)
    lines = [paint(headline, _BOLD if result.ok else _RED)]
    if failures:
        lines.append("Failures:")
        lines += [paint(f"  {o.status}: {o.action.value} {o.address} — {o.message}", _RED) for o in failures]
    return "\n".join(lines) + "\n"


# -- reports -------------------------------------------------------------------------------------
_REPORT_FIGURES: Final = (
    ("impressions", "Impr."),
    ("clicks", "Clicks"),
    ("spend", "Spend"),
    ("conversions", "Conv."),
    ("conversion_value", "Value"),
)
_REPORT_KPIS: Final = (
    ("ctr", "CTR %"),
    ("cpc", "CPC"),
    ("cpm", "CPM"),
    ("cvr", "CVR %"),
    ("cpa", "CPA"),
    ("roas", "ROAS"),
    ("efficiency_score", "Score"),
    ("grade", "Grade"),
)
_KEY_NAMES: Final = {"campaign": ("campaign", "platform"), "platform": ("platform",), "day": ("day",)}


#: Figures shown with two decimals (money, percentages, ROAS); conversions keep what they have.
_TWO_DECIMALS: Final = frozenset({"spend", "conversion_value", "ctr", "cpc", "cpm", "cvr", "cpa", "roas"})


def _report_value(value: Any, name: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, Decimal):
        if name in _TWO_DECIMALS:
            return f"{value.quantize(Decimal('0.01')):f}"
        if name.endswith("_change_pct"):
            return f"{value.quantize(Decimal('0.1')):+f}"
        return f"{value.normalize():f}"
    return str(value)


def _report_rows(report: Any) -> list[dict[str, str]]:
    names = _KEY_NAMES[report.by]
    rows = []
    for line in [*report.lines, report.total]:
        key = dict(zip(names, line.key, strict=False)) if line is not report.total else {names[0]: "total"}
        row = {name: key.get(name, "") for name in names}
        for field_name, _ in _REPORT_FIGURES:
            row[field_name] = _report_value(getattr(line.totals, field_name), field_name)
        for field_name, _ in _REPORT_KPIS:
            row[field_name] = _report_value(getattr(line.kpis, field_name), field_name)
        for field_name in ("spend", "conversions", "roas", "cpa"):
            row[f"{field_name}_change_pct"] = _report_value(
                line.change(field_name), f"{field_name}_change_pct"
            )
        rows.append(row)
    return rows


def render_report(report: Any, *, fmt: str) -> str:
    """A ``insights.Report`` as text, markdown, json, csv or html (one self-contained file with charts)."""
    rows = _report_rows(report)
    if fmt == "html":
        return _report_html(report, rows)
    title = (
        f"MIDAS report {report.start} to {report.end} ({report.currency or 'no data'}), by {report.by}; "
        f"changes against {report.previous_start} to {report.previous_end}"
    )
    if fmt == "json":
        return json.dumps(
            {
                "start": report.start.isoformat(),
                "end": report.end.isoformat(),
                "previous_start": report.previous_start.isoformat(),
                "previous_end": report.previous_end.isoformat(),
                "currency": report.currency,
                "by": report.by,
                "rows": rows,
                "insights": report.insights,
            },
            indent=2,
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    headers = [
        *_KEY_NAMES[report.by],
        *(label for _, label in _REPORT_FIGURES),
        *(label for _, label in _REPORT_KPIS),
        "Spend Δ%",
        "ROAS Δ%",
    ]
    table = [
        [
            *(row[name] for name in _KEY_NAMES[report.by]),
            *(row[name] for name, _ in _REPORT_FIGURES),
            *(row[name] for name, _ in _REPORT_KPIS),
            row["spend_change_pct"],
            row["roas_change_pct"],
        ]
        for row in rows
    ]
    if fmt == "markdown":
        lines = [f"### {title}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines.extend("| " + " | ".join(cells) + " |" for cells in table)
        if report.insights:
            lines.extend(["", "**Insights**", "", *(f"- {item}" for item in report.insights)])
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headers)]
    lines = [title, "", "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.extend("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in table)
    if report.insights:
        lines.extend(["", "Insights:", *(f"  - {item}" for item in report.insights)])
    return "\n".join(lines)


_REPORT_CSS: Final = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}section{margin:1.5em 0}"
)


def _report_html(report: Any, rows: list[dict[str, str]]) -> str:
    """One HTML file: title, insights, the KPI table and the charts (inline SVG; no network assets)."""
    from midas_reconcile.charts import CHARTS, svg_charts

    esc = html.escape
    title = f"MIDAS report {report.start} to {report.end} ({report.currency or 'no data'})"
    columns = list(rows[0])
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(row[c])}</td>" for c in columns) + "</tr>" for row in rows)
    charts = svg_charts(report)
    sections = "".join(
        f'<section id="{chart_id}"><h2>{esc(name)}</h2>{charts[chart_id]}</section>'
        for chart_id, name in CHARTS.items()
    )
    insights = "".join(f"<li>{esc(item)}</li>" for item in report.insights)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{_REPORT_CSS}</style></head><body><h1>{esc(title)}</h1>"
        f"<p>By {esc(report.by)}; changes against {report.previous_start} to {report.previous_end}.</p>"
        f'<section id="insights"><h2>Insights</h2><ul>{insights or "<li>none</li>"}</ul></section>'
        f'<section id="kpis"><h2>KPIs</h2><table id="kpi-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></section>{sections}</body></html>"
    )
