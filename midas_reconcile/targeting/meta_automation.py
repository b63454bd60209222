"""Meta's Advantage+ audience in an ad set's targeting spec (``targeting_automation``): the spec MIDAS sends,
and its canonical form (facts: ``spec._meta_advantage``).

``individual_setting`` (checked 2026-11 with the search tool; facebook-business 26.0.3): the SDK types it a
bare ``Object`` (adobjects/targetingautomation.py) with no fields of its own. Public Marketing API clients
send it as 0/1 flags keyed ``age``, ``gender`` and ``geo`` (``{"age": 1, "gender": 1}`` the most common),
beside ``advantage_audience`` 1 *and* 0, and a public index of read ad sets holds ``age`` and ``gender`` as
integers; no other key was found.
Meta's pages the search tool holds never name the field: its 2025-06-13 blog post speaks of "individual
relaxation settings for Age, Gender, Custom Audience Inclusion, and Detailed Targeting Inclusion" without a
wire shape or values, and its Advantage+ audience reference calls location a constraint that is never
expanded, while clients send ``geo``. What 1 and 0 mean for each key, and what they mean with Advantage+
audience off, is therefore not grounded: MIDAS holds the setting as written
(``meta.advantage_audience_settings``), sends and compares it so, and gives it no meaning (it is allowed with
Advantage+ audience on or off, as clients send it: what Meta does with it off is unconfirmed). Import writes
it when it holds those keys with 0 or 1 alone, and refuses any other by name
(``unexpressed_automation_problem``), as it does the other settings beside the flag (``shared_audiences`` …).

A 0 flag is compared as written, never as a flag left out: taking one for the other would be giving the flags
a meaning. Unconfirmed: whether Meta reads a 0 flag back (if it leaves one out, each plan sends it again), and
whether it reads ``individual_setting`` back at all (one public note says a v21 read left it out; if so, each
plan would show it again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, get_args

from midas_reconcile.spec.models import MetaAdvantageAudienceKey

#: The targeting field holding Advantage+ audience, and its flag (1 on, 0 off).
AUTOMATION_FIELD: Final = "targeting_automation"
ADVANTAGE_AUDIENCE: Final = "advantage_audience"
#: Advantage+ audience's per-key settings (``meta.advantage_audience_settings``), and the keys MIDAS takes.
INDIVIDUAL_SETTING: Final = "individual_setting"
INDIVIDUAL_SETTING_KEYS: Final[tuple[str, ...]] = get_args(MetaAdvantageAudienceKey)


def targeting_automation(
    advantage_audience: bool, individual_setting: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """The ``targeting_automation`` MIDAS sends: the flag stated either way, as Meta requires on create, and
    the ``individual_setting`` the spec writes, as written (none when empty)."""
    out: dict[str, Any] = {ADVANTAGE_AUDIENCE: int(advantage_audience)}
    if individual_setting:
        out[INDIVIDUAL_SETTING] = dict(sorted(individual_setting.items()))
    return out


def canonical_automation(value: Any) -> dict[str, Any]:
    """``targeting_automation`` with the flag as the int 1 or 0 (Graph reads give ints; tests and old records
    may hold booleans or strings). Absent stays absent: the diff takes it as 0 (``diff.RULES``), as an ad set
    made before Meta required the flag runs without Advantage+ audience."""
    out = {str(k): v for k, v in dict(value or {}).items()}
    if ADVANTAGE_AUDIENCE in out:
        out[ADVANTAGE_AUDIENCE] = int(_flag(out[ADVANTAGE_AUDIENCE]))
    setting = out.get(INDIVIDUAL_SETTING)
    if isinstance(setting, Mapping):
        # Flags as ints too; anything else is kept for import to refuse (``individual_setting_problem``).
        out[INDIVIDUAL_SETTING] = {str(k): _as_flag(v) for k, v in setting.items()}
    return out


def advantage_audience_of(targeting: Mapping[str, Any]) -> bool:
    """Whether a Meta ad set's targeting spec runs Advantage+ audience."""
    automation = targeting.get(AUTOMATION_FIELD)
    return isinstance(automation, Mapping) and _flag(automation.get(ADVANTAGE_AUDIENCE, 0))


def individual_setting_of(targeting: Mapping[str, Any]) -> dict[str, int]:
    """A Meta ad set's Advantage+ audience ``individual_setting`` as import writes it
    (``meta.advantage_audience_settings``): empty when it has none, or one the spec language cannot hold
    (``individual_setting_problem``: refused through ``unexpressed_automation``)."""
    automation = targeting.get(AUTOMATION_FIELD)
    setting = automation.get(INDIVIDUAL_SETTING) if isinstance(automation, Mapping) else None
    if not isinstance(setting, Mapping) or individual_setting_problem(setting) is not None:
        return {}
    return {str(k): int(v) for k, v in sorted(setting.items())}


def individual_setting_problem(setting: Any) -> str | None:
    """What in an ``individual_setting`` read from Meta the spec language cannot hold (None: nothing): a key
    but ``age``, ``gender`` and ``geo``, or a flag but 0 and 1."""
    if not isinstance(setting, Mapping):
        return f"is {setting!r}, not a mapping of flags"
    keys = sorted(str(k) for k in setting if k not in INDIVIDUAL_SETTING_KEYS)
    if keys:
        return f"holds {', '.join(keys)}"
    flags = sorted(str(k) for k, v in setting.items() if _as_flag(v) not in (0, 1))
    if flags:
        return f"holds {', '.join(flags)} other than 0 or 1"
    return None


def unexpressed_automation(targeting: Mapping[str, Any]) -> dict[str, Any]:
    """The ``targeting_automation`` settings beside the flag which MIDAS neither sends nor says
    (``shared_audiences`` …, and an ``individual_setting`` the spec language cannot hold)."""
    automation = targeting.get(AUTOMATION_FIELD)
    if not isinstance(automation, Mapping):
        return {}
    return {
        str(k): v
        for k, v in sorted(automation.items())
        if k != ADVANTAGE_AUDIENCE
        and v not in (None, "", [], {}, 0)
        and not (k == INDIVIDUAL_SETTING and individual_setting_problem(v) is None)
    }


def unexpressed_automation_problem(key: str, value: Any) -> str:
    """Why import cannot write ``targeting_automation.<key>`` (an ``unexpressed_automation`` entry) and what
    to do about it, to follow "<the ad set> has "."""
    if key == INDIVIDUAL_SETTING:
        return (
            f"targeting_automation.individual_setting {value!r}, which the spec language cannot express: it "
            f"{individual_setting_problem(value)}, where meta.advantage_audience_settings holds "
            f"{', '.join(INDIVIDUAL_SETTING_KEYS)}, each 0 or 1, the keys public Marketing API clients send "
            "(Meta's pages name none). To import the campaign, make the ad set's individual_setting hold "
            "those alone, or leave the campaign unmanaged"
        )
    return (
        f"targeting_automation.{key} {value!r}, which the spec language cannot express "
        "(meta.advantage_audience is its advantage_audience alone, meta.advantage_audience_settings its "
        "individual_setting)"
    )


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true")


def _as_flag(value: Any) -> Any:
    """A flag read as 0 or 1 (an int, a bool, or their text); anything else as it is."""
    if isinstance(value, bool | int) or (isinstance(value, str) and value.strip() in ("0", "1")):
        as_int = int(value)
        return as_int if as_int in (0, 1) else value
    return value
