"""``midas doctor``'s per-account checks: credentials, a cheap read, API version, quota or usage.

For each account of midas.yaml, in order:

- ``credentials``: every ``*_env`` variable set and every ``*_file`` readable (only their *names* are
  shown, never a value), then the connector builds from them;
- ``endpoint``: the connector answers one day of metrics (one query / one insights request; the
  sandbox answers from its state file) within ``timeout_s`` — the call runs on a daemon thread, so a
  platform that never answers cannot hold the doctor;
- ``api version``: the installed SDK speaks the configured version;
- ``quota``: Google — the developer token's daily operations MIDAS spent today (from the runs in the
  state store) against the access level's allowance; Meta — the usage the read's response headers
  reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final, TypeVar

from midas_reconcile import quota
from midas_reconcile.connectors.base import Connector, ReportsUsage
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.doctor import Check, describe_error
from midas_reconcile.errors import AuthError
from midas_reconcile.settings import AccountSettings, Settings
from midas_reconcile.store import StateStore

T = TypeVar("T")

#: Meta's usage (in %) at which it throttles the account.
META_THROTTLED_PCT: Final = 100.0


class NoAnswer(Exception):
    """The call did not return within the doctor's timeout."""


def within(timeout_s: float, call: Callable[[], T]) -> T:
    """``call()`` on a daemon thread; ``NoAnswer`` if it has not returned after ``timeout_s`` seconds
    (the thread is abandoned, not killed: it ends with the process)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="midas-doctor-probe", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        raise NoAnswer
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def account_checks(
    settings: Settings,
    *,
    env: Mapping[str, str],
    store: StateStore | None,
    connectors: Mapping[str, Connector],
    timeout_s: float,
    now: dt.datetime,
) -> list[Check]:
    """The checks of every account in midas.yaml, account by account."""
    factory = ConnectorFactory(settings)
    checks: list[Check] = []
    try:
        for name, account in settings.accounts.items():
            checks.extend(
                _AccountCheck(name, account, env, timeout_s).run(factory, connectors.get(name), store, now)
            )
    finally:
        if any(a.connector == "sandbox" and n not in connectors for n, a in settings.accounts.items()):
            with contextlib.suppress(Exception):  # it may be what failed to open
                factory.sandbox_world().close()
    return checks


class _AccountCheck:
    def __init__(self, name: str, account: AccountSettings, env: Mapping[str, str], timeout_s: float) -> None:
        self.name = name
        self.account = account
        self.env = env
        self.timeout_s = timeout_s

    def title(self, what: str) -> str:
        return f"{self.name} {what}"

    def run(
        self,
        factory: ConnectorFactory,
        injected: Connector | None,
        store: StateStore | None,
        now: dt.datetime,
    ) -> list[Check]:
        credentials = self.credentials()
        version = self.api_version()
        connector = injected
        unbuilt: Check | None = None
        if connector is None and credentials.status != "fail":
            try:
                connector = factory.create(self.name)
            except AuthError as exc:
                credentials = Check.failed(
                    self.title("credentials"), describe_error(exc), exc.fix or _fix(self)
                )
            except Exception as exc:  # a corrupt sandbox file, an SDK refusing its configuration
                unbuilt = Check.failed(
                    self.title("endpoint"),
                    f"the {self.account.connector} connector cannot be set up: {describe_error(exc)}",
                    _setup_fix(self),
                )
        if connector is None:
            why = "needs the credentials" if unbuilt is None else "needs a working connector"
            endpoint = unbuilt or Check.skipped(self.title("endpoint"), why)
            return [credentials, endpoint, version, Check.skipped(self.title("quota"), why)]
        usage: list[float] = []
        if isinstance(connector, ReportsUsage):
            connector.add_usage_listener(usage.append)
        endpoint = self.endpoint(connector, now)
        return [credentials, endpoint, version, self.quota(connector, endpoint, usage, store, now)]

    # -- credentials ----------------------------------------------------------------------------------
    def credentials(self) -> Check:
        title = self.title("credentials")
        account = self.account
        if account.connector == "sandbox":
            return Check.skipped(title, "the sandbox needs no credentials")
        missing: list[str] = []
        supplied = account.supplied_credentials
        for key, reference in sorted(account.credentials.items()):
            if key.rpartition("_")[0] in supplied:
                continue
            if key.endswith("_env"):
                if not self.env.get(reference):
                    missing.append(f"environment variable {reference}")
            elif not _readable(reference):
                missing.append(f"file {reference}")
        if account.credentials_file and not _readable(account.credentials_file):
            missing.append(f"file {account.credentials_file}")
        if missing:
            first = missing[0].split(" ", 2)
            fix = f"export {first[-1]}=…" if first[0] == "environment" else f"create {first[-1]}"
            more = " and the others" if len(missing) > 1 else ""
            return Check.failed(title, f"missing: {', '.join(missing)}", f"{fix}{more} (see the README)")
        names = sorted({key.rsplit("_", 1)[0] for key in account.credentials} | supplied)
        if account.credentials_file:
            names.append(Path(account.credentials_file).name)
        return Check.passed(title, f"present: {', '.join(names) or 'none named'}")

    # -- endpoint -------------------------------------------------------------------------------------
    def endpoint(self, connector: Connector, now: dt.datetime) -> Check:
        title = self.title("endpoint")
        transport = getattr(connector, "transport", None)
        if transport is not None and hasattr(transport, "timeout"):
            # The Google SDK's own deadline, so that its retries stop within the check's time too.
            transport.timeout = self.timeout_s
        day = now.date()
        try:
            rows = within(self.timeout_s, lambda: connector.metrics(day, day))
        except NoAnswer:
            return Check.failed(title, f"no answer within {self.timeout_s:g}s", _fix(self))
        except AuthError as exc:
            return Check.failed(title, f"refused: {describe_error(exc)}", exc.fix or _fix(self))
        except Exception as exc:
            return Check.failed(title, f"the read failed: {describe_error(exc)}", _fix(self))
        where = "the sandbox" if self.account.connector == "sandbox" else _host(self.account)
        return Check.passed(title, f"{where} answered a read ({len(rows)} metrics rows for {day})")

    # -- API version ----------------------------------------------------------------------------------
    def api_version(self) -> Check:
        title = self.title("api version")
        account = self.account
        if account.connector == "sandbox":
            return Check.skipped(title, "the sandbox speaks no versioned API")
        if account.connector == "google_ads":
            from midas_reconcile.connectors.google_ads import DEFAULT_API_VERSION as GOOGLE_VERSION

            version = account.api_version or GOOGLE_VERSION
            if importlib.util.find_spec(f"google.ads.googleads.{version}") is None:
                return Check.failed(
                    title,
                    f"the installed google-ads SDK does not ship API {version}",
                    f"set api_version to {GOOGLE_VERSION} for {self.name} in midas.yaml, or install a "
                    "google-ads release that ships it",
                )
            return Check.passed(title, f"Google Ads API {version} (shipped by the installed SDK)")
        from facebook_business.apiconfig import ads_api_config

        from midas_reconcile.connectors.meta_ads import DEFAULT_API_VERSION as META_VERSION

        version = account.api_version or META_VERSION
        sdk = str(ads_api_config["API_VERSION"])
        if _major(version) > _major(sdk):
            return Check.failed(
                title,
                f"Graph API {version} is newer than the installed facebook-business SDK's {sdk}",
                f"set api_version to {sdk} for {self.name} in midas.yaml, or upgrade facebook-business",
            )
        return Check.passed(title, f"Graph API {version} (the SDK speaks {sdk})")

    # -- quota ----------------------------------------------------------------------------------------
    def quota(
        self,
        connector: Connector,
        endpoint: Check,
        usage: list[float],
        store: StateStore | None,
        now: dt.datetime,
    ) -> Check:
        title = self.title("quota")
        if self.account.platform == "meta":
            if endpoint.status != "pass":
                return Check.skipped(title, "the usage arrives with a read's answer, which failed")
            if not usage:
                source = "the sandbox" if self.account.connector == "sandbox" else "Meta's answer"
                return Check.skipped(title, f"{source} carried no usage headers")
            used = max(usage)
            if used >= META_THROTTLED_PCT:
                return Check.failed(
                    title,
                    f"{used:.0f}% of the account's call quota used: Meta throttles it",
                    "wait for Meta to restore access (usually within an hour) before the next run",
                )
            return Check.passed(title, f"{used:.0f}% of the call quota used")
        limit = connector.limits.daily_operations
        if limit is None:
            return Check.passed(title, "no daily operation limit at this access level")
        if store is None:
            return Check.skipped(
                title, "needs the state store, where the operations spent today are recorded"
            )
        try:
            spent = store.operations_spent_since(self.name, quota.day_start(self.account.platform, now))
        except Exception as exc:
            return Check.skipped(title, f"cannot read the operations spent: {describe_error(exc)}")
        left = limit - spent
        detail = f"MIDAS spent {spent:,} of the {limit:,} daily operations today; {max(0, left):,} left"
        if left <= 0:
            return Check.failed(
                title,
                detail,
                "wait for the reset at midnight Pacific, or apply for a higher access level (Standard)",
            )
        return Check.passed(title, detail)


def _readable(path: str) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def _major(version: str) -> int:
    digits = version.lstrip("v").split(".", 1)[0]
    return int(digits) if digits.isdigit() else 0


def _host(account: AccountSettings) -> str:
    if account.platform == "google":
        return account.endpoint or "googleads.googleapis.com"
    return account.graph_url or "https://graph.facebook.com"


def _setup_fix(check: _AccountCheck) -> str:
    if check.account.connector == "sandbox":
        return "move .midas/sandbox.db aside: the next command creates a fresh, empty sandbox"
    return "run `midas validate`, and check the account's connector settings in midas.yaml"


def _fix(check: _AccountCheck) -> str:
    if check.account.connector == "sandbox":
        return "unset MIDAS_SANDBOX_FAULTS if set; `midas sandbox reset` rebuilds the sandbox state file"
    key = "endpoint" if check.account.platform == "google" else "graph_url"
    return f"check that {_host(check.account)} is reachable from here, and {check.name}'s {key} in midas.yaml"
