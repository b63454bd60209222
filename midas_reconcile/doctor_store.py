"""``midas doctor``'s state-store checks: reachable, migrated, audit chain, abandoned locks, metrics age.

The store is inspected without being changed: the schema revision is read on a plain connection (opening
a ``StateStore`` would migrate it), and only a store already at the latest revision is opened to read
its audit chain, locks and metrics. A SQLite database that does not exist yet is not created.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy.engine import URL

from midas_reconcile.doctor import Check, describe_error
from midas_reconcile.errors import MidasError
from midas_reconcile.store import StateStore
from midas_reconcile.store.engine import (
    create_engine,
    current_revision,
    display_url,
    head_revision,
    is_postgres,
    is_sqlite,
    known_revisions,
    parse_url,
    sqlite_file,
    translated,
)

_REACH_FIX: Final = (
    "check that the database server runs and that MIDAS_STATE_URL (or state.url in midas.yaml) points at it"
)


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86_400:.1f} days"


class StoreChecks:
    """The state store at ``url`` as the checks see it; ``usable`` is the opened store once it passed
    reachability and migration (None otherwise), for the account checks that read it."""

    def __init__(self, url: str, *, timeout_s: float) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self.usable: StateStore | None = None

    def __enter__(self) -> StoreChecks:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.usable is not None:
            self.usable.close()
            self.usable = None

    def checks(self, accounts: list[str], now: dt.datetime, metrics_max_age: dt.timedelta) -> list[Check]:
        first = self._reach_and_migrate()
        if self.usable is None:
            skipped = [check for check in first if check.status == "skip"]
            why = skipped[0].detail if skipped else "needs a reachable state store at the latest schema"
            return [*first, *(Check.skipped(name, why) for name in ("audit chain", "locks", "metrics"))]
        return [*first, self._audit(), *self._locks(accounts), *self._metrics(accounts, now, metrics_max_age)]

    # -- reachable, migrated ------------------------------------------------------------------------
    def _bounded(self, url: URL) -> URL:
        # A PostgreSQL server that does not answer must not hold the doctor longer than any other check.
        if is_postgres(url) and "connect_timeout" not in url.query:
            return url.update_query_dict({"connect_timeout": str(max(1, round(self.timeout_s)))})
        return url

    def _reach_and_migrate(self) -> list[Check]:
        try:
            url = parse_url(self.url)
        except MidasError as exc:
            return [
                Check.failed("state store", describe_error(exc), "set MIDAS_STATE_URL or state.url to a URL")
            ]
        shown = display_url(url)
        if is_sqlite(url):
            path = sqlite_file(url)
            if path is not None and not path.exists():
                why = f"no database at {path} yet: the first `midas plan` or `midas apply` creates it"
                return [Check.skipped("state store", why), Check.skipped("schema", why)]
        try:
            engine = create_engine(self._bounded(url))
        except MidasError as exc:
            return [Check.failed("state store", describe_error(exc), _REACH_FIX)]
        try:
            with translated("connecting", url), engine.connect() as connection:
                revision = current_revision(connection)
        except MidasError as exc:
            skipped = Check.skipped("schema", "the state store is unreachable")
            return [Check.failed("state store", describe_error(exc), _REACH_FIX), skipped]
        finally:
            engine.dispose()
        reached = Check.passed("state store", f"{shown} answers")
        schema = self._schema(revision)
        if schema.status == "pass":
            try:
                self.usable = StateStore.open(self._bounded(url).render_as_string(hide_password=False))
            except MidasError as exc:
                return [reached, Check.failed("schema", describe_error(exc), _REACH_FIX)]
        return [reached, schema]

    def _schema(self, revision: str | None) -> Check:
        head = head_revision()
        if revision == head:
            return Check.passed("schema", f"at the latest revision {head}")
        if revision is None:
            return Check.failed(
                "schema",
                "the database has no MIDAS schema",
                "run `midas state runs` (any command that opens the store creates the schema)",
            )
        known = known_revisions()
        if revision not in known:
            return Check.failed(
                "schema",
                f"at revision {revision}, newer than this MIDAS knows (latest {head})",
                "upgrade MIDAS: pip install -U midas-reconcile",
            )
        return Check.failed(
            "schema",
            f"at revision {revision}; this MIDAS needs {head}",
            "back up the database, then run `midas state runs` (opening the store migrates it)",
        )

    # -- audit, locks, metrics ----------------------------------------------------------------------
    def _audit(self) -> Check:
        assert self.usable is not None
        try:
            problems = self.usable.verify_audit()
        except MidasError as exc:
            return Check.failed("audit chain", describe_error(exc), _REACH_FIX)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return Check.failed(
                "audit chain",
                f"{problems[0]}{more}",
                "the audit log was altered: `midas state verify` lists the rows; find out who changed them",
            )
        return Check.passed("audit chain", "every row's hash verifies")

    def _locks(self, accounts: list[str]) -> list[Check]:
        assert self.usable is not None
        checks = []
        for account in accounts:
            name = f"lock {account}"
            try:
                abandoned = self.usable.abandoned_lock(account)
                held = None if abandoned else self.usable.lock_holder(account)
            except MidasError as exc:
                checks.append(Check.failed(name, describe_error(exc), _REACH_FIX))
                continue
            if abandoned is not None:
                checks.append(
                    Check.failed(
                        name,
                        f"stale: left by {abandoned.holder} {_ago(abandoned.age_seconds)} ago, which is gone "
                        "(an interrupted apply)",
                        f"`midas state unlock {account} --force`; then `midas plan` shows what is unfinished",
                    )
                )
            elif held is not None:
                checks.append(
                    Check.passed(
                        name, f"held by {held.holder} for {_ago(held.age_seconds)} (a run in progress)"
                    )
                )
            else:
                checks.append(Check.passed(name, "free"))
        return checks

    def _metrics(self, accounts: list[str], now: dt.datetime, max_age: dt.timedelta) -> list[Check]:
        assert self.usable is not None
        checks = []
        for account in accounts:
            name = f"metrics {account}"
            try:
                synced_at = self.usable.metrics_synced_at(account)
            except MidasError as exc:
                checks.append(Check.failed(name, describe_error(exc), _REACH_FIX))
                continue
            if synced_at is None:
                checks.append(
                    Check.skipped(name, "never synced (reports and alerts need `midas metrics sync`)")
                )
                continue
            age = (now - synced_at).total_seconds()
            if age > max_age.total_seconds():
                checks.append(
                    Check.failed(
                        name,
                        f"last synced {_ago(age)} ago (older than {_ago(max_age.total_seconds())})",
                        f"`midas metrics sync --account {account}`, and schedule it daily",
                    )
                )
            else:
                checks.append(Check.passed(name, f"last synced {_ago(max(0.0, age))} ago"))
        return checks
