"""``midas doctor``: one command that says why something does not work, and how to fix it.

``run_checks(workspace)`` runs every check and returns a ``DoctorReport``: a list of ``Check`` results,
each ``pass``, ``fail`` (with a one-line ``fix``) or ``skip`` (with why it does not apply — no check
pretends to pass). The checks, in order:

- the Python version and the installed versions of the package's requirements (its own metadata);
- ``midas.yaml`` and the workspace load and validate (the loader ``midas validate`` uses);
- the state store (``doctor_store``): reachable, at the latest migration, audit chain intact, no lock
  left behind by a dead holder, metrics freshness per account;
- per account (``doctor_accounts``): credentials present (only the names of what is missing are
  shown, never a value), the connector answers a cheap read within ``timeout_s``, API version, daily
  quota or usage;
- webhook channels resolve to allowed URLs.

Nothing is changed: the store is not migrated, no lock is taken or broken. The same function backs the
Python API's health check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final, Literal

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet

from midas_reconcile.connectors.base import Connector
from midas_reconcile.errors import MidasError, SpecError
from midas_reconcile.settings import Settings, WebhookSettings
from midas_reconcile.spec import load_workspace

Status = Literal["pass", "fail", "skip"]

DISTRIBUTION: Final = "midas-reconcile"
DEFAULT_REQUIRES_PYTHON: Final = ">=3.11"
#: Seconds any one network check may take before it is reported as unanswered.
DEFAULT_TIMEOUT_S: Final = 10.0
#: Metrics older than this are stale: a daily sync plus slack for a late run.
DEFAULT_METRICS_MAX_AGE: Final = dt.timedelta(hours=36)
_SYMBOL: Final = {"pass": "✓", "fail": "✗", "skip": "-"}


@dataclass(frozen=True)
class Check:
    """One check's outcome; ``fix`` is set exactly when ``status`` is ``fail``."""

    name: str
    status: Status
    detail: str
    fix: str = ""

    @classmethod
    def passed(cls, name: str, detail: str) -> Check:
        return cls(name, "pass", detail)

    @classmethod
    def failed(cls, name: str, detail: str, fix: str) -> Check:
        return cls(name, "fail", detail, fix)

    @classmethod
    def skipped(cls, name: str, why: str) -> Check:
        return cls(name, "skip", why)


@dataclass
class DoctorReport:
    """Every check, in the order run; ``ok`` when none failed."""

    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.status != "fail" for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if check.status == "fail"]

    def to_json(self) -> str:
        """``{"ok": bool, "checks": [{"name", "status", "detail", "fix"}, …]}``."""
        return json.dumps({"ok": self.ok, "checks": [asdict(c) for c in self.checks]}, indent=2)

    def to_text(self) -> str:
        """One line per check (✓ / ✗ / - for skipped), each ✗ followed by its fix, then a summary."""
        lines = []
        for check in self.checks:
            lines.append(f"{_SYMBOL[check.status]} {check.name}: {check.detail}")
            if check.fix:
                lines.append(f"    fix: {check.fix}")
        counts = {status: sum(c.status == status for c in self.checks) for status in ("pass", "fail", "skip")}
        lines.append(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped.")
        return "\n".join(lines)


def run_checks(
    workspace: Path | str = ".",
    *,
    state_url: str | None = None,
    connectors: Mapping[str, Connector] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    metrics_max_age: dt.timedelta = DEFAULT_METRICS_MAX_AGE,
    now: Callable[[], dt.datetime] | None = None,
    overlay: Callable[[Settings], Settings] | None = None,
) -> DoctorReport:
    """Check the installation, the workspace at ``workspace``, its state store and its accounts.

    ``state_url`` overrides midas.yaml's (as ``--state-url`` does); credentials, webhook URLs and
    ``MIDAS_STATE_URL`` are read from ``os.environ``, as every command does, but for credentials
    ``overlay`` supplies (the Python API's in-memory configs). ``connectors`` replaces the connectors
    midas.yaml would build (tests); ``now`` is the clock. Never raises for what it
    checks: every problem becomes a failed check.
    """
    from midas_reconcile import doctor_accounts, doctor_store

    env = os.environ
    clock = now or (lambda: dt.datetime.now(dt.UTC))
    report = DoctorReport([check_python(), check_packages()])
    settings, workspace_check = check_workspace(Path(workspace), env)
    report.checks.append(workspace_check)
    if settings is None:
        report.checks.append(Check.skipped("state store", "needs a readable midas.yaml"))
        report.checks.append(Check.skipped("accounts", "needs a readable midas.yaml"))
        return report
    if overlay is not None:
        settings = overlay(settings)
    url = state_url or settings.state_url
    with doctor_store.StoreChecks(url, timeout_s=timeout_s) as store:
        report.checks.extend(store.checks(sorted(settings.accounts), clock(), metrics_max_age))
        report.checks.extend(
            doctor_accounts.account_checks(
                settings,
                env=env,
                store=store.usable,
                connectors=connectors or {},
                timeout_s=timeout_s,
                now=clock(),
            )
        )
    report.checks.extend(check_webhooks(settings.webhooks, env))
    return report


# -- installation -------------------------------------------------------------------------------------
def check_python(version: Sequence[int] = tuple(sys.version_info[:3]), requires: str | None = None) -> Check:
    """The running Python against the package's ``Requires-Python`` (``requires``; default: read from
    the installed distribution, or ``>=3.11``)."""
    if requires is None:
        try:
            requires = importlib.metadata.metadata(DISTRIBUTION)["Requires-Python"]
        except importlib.metadata.PackageNotFoundError:
            requires = None
        requires = requires or DEFAULT_REQUIRES_PYTHON
    shown = ".".join(str(part) for part in version)
    if not SpecifierSet(requires).contains(shown, prereleases=True):
        return Check.failed(
            "python",
            f"Python {shown}; MIDAS needs Python {requires}",
            f"install MIDAS under Python {requires}",
        )
    return Check.passed("python", f"Python {shown} (needs {requires})")


def _installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_packages(
    requirements: Sequence[str] | None = None,
    version_of: Callable[[str], str | None] = _installed_version,
) -> Check:
    """The installed version of every requirement of the package (its ``Requires-Dist``, extras aside)."""
    if requirements is None:
        try:
            requirements = importlib.metadata.requires(DISTRIBUTION) or []
        except importlib.metadata.PackageNotFoundError:
            return Check.failed(
                "packages",
                f"the {DISTRIBUTION} distribution is not installed (running from a source tree?)",
                f"pip install -e . (or pip install {DISTRIBUTION})",
            )
    problems: list[str] = []
    wanted: list[str] = []
    checked = 0
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an optional extra (test, dev)
        checked += 1
        installed = version_of(requirement.name)
        if installed is None:
            problems.append(f"{requirement.name} is missing (needs {requirement.specifier or 'any'})")
        elif not requirement.specifier.contains(installed, prereleases=True):
            problems.append(f"{requirement.name} {installed} (needs {requirement.specifier})")
        else:
            continue
        wanted.append(f"'{requirement.name}{requirement.specifier}'")
    if problems:
        return Check.failed("packages", "; ".join(problems), f"pip install {' '.join(wanted)}")
    return Check.passed("packages", f"{checked} requirements of {DISTRIBUTION} are met")


# -- workspace ------------------------------------------------------------------------------------------
def check_workspace(root: Path, env: Mapping[str, str]) -> tuple[Settings | None, Check]:
    """Load and validate the workspace as ``midas validate`` does; its settings even when specs fail."""
    from midas_reconcile.settings import load_settings

    try:
        workspace = load_workspace(root)
    except SpecError as exc:
        settings = None
        with contextlib.suppress(MidasError):  # the specs failed; the settings may still be usable
            settings = load_settings(root, env=env)
        first = exc.issues[0] if exc.issues else None
        more = f" (and {len(exc.issues) - 1} more)" if len(exc.issues) > 1 else ""
        detail = f"{first}{more}" if first else str(exc)
        return settings, Check.failed(
            "workspace", detail, "run `midas validate` and correct every problem it lists"
        )
    except MidasError as exc:
        return None, Check.failed("workspace", str(exc), "run `midas validate` and correct what it reports")
    counts = f"{len(workspace.campaigns)} campaigns, {len(workspace.settings.accounts)} accounts"
    return workspace.settings, Check.passed("workspace", f"{root.resolve()} is valid ({counts})")


# -- webhooks -------------------------------------------------------------------------------------------
def check_webhooks(webhooks: Mapping[str, WebhookSettings], env: Mapping[str, str]) -> list[Check]:
    """Each channel's URL is set and allowed (https://, or http:// to loopback); never shows the URL."""
    from midas_reconcile.webhooks import check_url

    if not webhooks:
        return [Check.skipped("webhooks", "no webhooks in midas.yaml (alerts are only listed)")]
    checks = []
    for name, hook in webhooks.items():
        title = f"webhook {name}"
        missing = [var for var in (hook.url_env, hook.secret_env) if var and not env.get(var)]
        if missing:
            checks.append(
                Check.failed(
                    title, f"environment variable {', '.join(missing)} not set", f"export {missing[0]}=…"
                )
            )
            continue
        url = hook.url or env.get(hook.url_env or "", "")
        try:
            check_url(name, url)
        except MidasError as exc:
            where = f"the URL in {hook.url_env}" if hook.url_env else f"webhooks.{name}.url in midas.yaml"
            checks.append(
                Check.failed(title, str(exc), f"make {where} https:// (http:// only to a loopback relay)")
            )
            continue
        signed = "signed" if hook.secret_env else "unsigned"
        checks.append(Check.passed(title, f"{hook.format} channel, allowed URL, {signed}"))
    return checks


def describe_error(exc: BaseException) -> str:
    """A one-line description safe to print: MIDAS's own messages, other exceptions by type only
    (an SDK's message can carry a request URL with a token)."""
    if isinstance(exc, MidasError):
        text = str(exc)
        fix = getattr(exc, "fix", "")
        if fix:
            text = text.removesuffix(f". Fix: {fix}")
        return " ".join(text.split())
    return type(exc).__name__
