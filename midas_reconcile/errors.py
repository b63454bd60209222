"""The one error tree of MIDAS.

::

    MidasError
     ├── SpecError            bad input in specs/, policies/ or midas.yaml (carries SpecIssue list)
     ├── PolicyViolation      guardrails block an apply
     ├── StateError           the state store: unreachable, not migrated, broken audit chain
     │    └── LockHeld        another writer holds the account's lock
     ├── PlanError            a saved plan is unreadable or stale
     └── ConnectorError       anything an ad platform (or the sandbox) answered
          ├── TransientError  retry later (``retry_after`` seconds, when the platform says)
          ├── PermanentError  this request will never succeed as sent (platform code + message)
          │    └── MadeInPart a create that made its object, not all of it (``parts``: what was not)
          └── AuthError       credentials missing, expired or refused (``fix`` says what to do)

Every message is safe to print: no credentials, tokens or raw PII ever go into an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class MidasError(Exception):
    """Base of every error MIDAS raises on purpose; the CLI prints it and exits 1."""


@dataclass(frozen=True)
class SpecIssue:
    """One problem found in a spec file: where, which field, what was found, what was expected."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}:{self.column}"
        return f"{location}: {self.field}: {self.message}" if self.field else f"{location}: {self.message}"


class SpecError(MidasError):
    """The workspace is invalid; ``issues`` lists every problem found, in file order."""

    def __init__(self, issues: list[SpecIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.column, i.field))
        count = len(self.issues)
        lines = "\n".join(f"  {issue}" for issue in self.issues)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the workspace:\n{lines}")


class PolicyViolation(MidasError):
    """Guardrails or conflicts forbid the plan; ``violations`` are human-readable reasons."""

    def __init__(self, violations: list[str]) -> None:
        self.violations = violations
        super().__init__("the plan cannot be applied:\n" + "\n".join(f"  - {v}" for v in violations))


class StateError(MidasError):
    """The state store cannot be used as asked."""


class LockHeld(StateError):
    """Another writer holds the lock of an account."""

    def __init__(self, account: str, holder: str, age_seconds: float) -> None:
        self.account = account
        self.holder = holder
        self.age_seconds = age_seconds
        super().__init__(
            f"account {account!r} is locked by {holder} (held for {age_seconds:.0f}s); "
            f"wait for it to finish, or break a stale lock with `midas state unlock {account} --force`"
        )


class PlanError(MidasError):
    """A saved plan cannot be applied (unreadable, wrong version, or stale)."""


class ConnectorError(MidasError):
    """An ad platform, or the sandbox simulating one, refused or failed a call."""

    def __init__(self, message: str, *, platform: str = "", code: str = "") -> None:
        self.platform = platform
        self.code = code
        prefix = f"{platform} " if platform else ""
        detail = f"[{code}] " if code else ""
        super().__init__(f"{prefix}{detail}{message}")
        self.message = message


class TransientError(ConnectorError):
    """Try again later; ``retry_after`` is the platform's own hint in seconds, if it gave one."""

    def __init__(
        self, message: str, *, platform: str = "", code: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(message, platform=platform, code=code)
        self.retry_after = retry_after


class PermanentError(ConnectorError):
    """The platform rejected the request as sent; retrying will not help."""

    def __init__(self, message: str, *, platform: str = "", code: str = "", field: str = "") -> None:
        super().__init__(message, platform=platform, code=code)
        self.field = field


class MadeInPart(PermanentError):
    """A create (or an update) that made its object though part of it was not made: ``parts`` names what
    was not (a field of the object, such as its marker's ``labels`` or its ``page_feed``; the platform's
    path of an operation that names no field), the part whose failure it reports first (``field``).
    ``made``: of those parts, the value of each made in part, as it is live (a page feed some of whose pages
    went through: those pages)."""

    def __init__(
        self,
        message: str,
        *,
        parts: Sequence[str],
        platform: str = "",
        code: str = "",
        made: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, platform=platform, code=code, field=parts[0] if parts else "")
        self.parts = tuple(parts)
        self.made: Mapping[str, Any] = dict(made or {})


class AuthError(ConnectorError):
    """Credentials are missing, expired or refused; ``fix`` tells the user what to do."""

    def __init__(self, message: str, *, platform: str = "", code: str = "", fix: str = "") -> None:
        super().__init__(f"{message}. Fix: {fix}" if fix else message, platform=platform, code=code)
        self.fix = fix
