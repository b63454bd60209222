"""``midas doctor``'s checks (``midas_reconcile.doctor``), each seen failing and passing.

Store-backed checks run on SQLite and PostgreSQL (``state_url``); the SDK connectors run against the wire
fakes, or against a closed local port for the unreachable case.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from alembic import command
from fakes.example import copy_example_workspace
from fakes.meta_fixtures import META_ACT, META_APP_SECRET, META_TOKEN

from midas_reconcile.connectors.base import DailyMetrics
from midas_reconcile.doctor import (
    Check,
    DoctorReport,
    check_packages,
    check_python,
    check_webhooks,
    run_checks,
)
from midas_reconcile.doctor_accounts import NoAnswer, within
from midas_reconcile.settings import WebhookSettings
from midas_reconcile.store import StateStore, head_revision
from midas_reconcile.store.engine import alembic_config, create_engine, parse_url

REPO = Path(__file__).resolve().parents[1]
GOOGLE = "google-main"
META = "meta-main"
NOW = dt.datetime(2026, 3, 2, 20, tzinfo=dt.UTC)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A copy of the example workspace (two sandbox accounts, no webhooks)."""
    return copy_example_workspace(tmp_path / "ws")


def edit_settings(root: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    settings = yaml.safe_load((root / "midas.yaml").read_text())
    edit(settings)
    (root / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))


def by_name(report: DoctorReport) -> dict[str, Check]:
    return {check.name: check for check in report.checks}


def migrated(state_url: str, *, clock: Callable[[], dt.datetime] | None = None) -> StateStore:
    return StateStore.open(state_url, clock=clock)


def metrics_row(account: str, platform: str = "google") -> DailyMetrics:
    zero = Decimal(0)
    return DailyMetrics(NOW.date(), platform, account, "1", "c", 10, 1, Decimal("1.5"), zero, zero, "USD")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the report -----------------------------------------------------------------------------------------
def test_every_failure_has_a_fix_and_the_json_lists_every_check(ws: Path, state_url: str) -> None:
    migrated(state_url).close()
    edit_settings(ws, lambda s: s.update(webhooks={"ops": {"url": "http://example.com/hook"}}))
    report = run_checks(ws, state_url=state_url, now=lambda: NOW)
    assert not report.ok
    assert all(check.fix for check in report.failures)
    assert all(not check.fix for check in report.checks if check.status != "fail")
    document = json.loads(report.to_json())
    assert document["ok"] is False
    assert [c["name"] for c in document["checks"]] == [c.name for c in report.checks]
    assert {c["status"] for c in document["checks"]} <= {"pass", "fail", "skip"}
    text = report.to_text()
    assert "✗ webhook ops:" in text and "    fix: make webhooks.ops.url in midas.yaml https://" in text


def test_a_migrated_sandbox_workspace_passes_and_says_what_does_not_apply(ws: Path, state_url: str) -> None:
    with migrated(state_url, clock=lambda: NOW) as store:
        store.audit("apply", "tester", {"n": 1})
        store.save_metrics([metrics_row(GOOGLE), metrics_row(META, "meta")], {})
    report = run_checks(ws, state_url=state_url, now=lambda: NOW + dt.timedelta(hours=1))
    checks = by_name(report)
    assert report.ok, report.to_text()
    for name in ("python", "packages", "workspace", "state store", "schema", "audit chain"):
        assert checks[name].status == "pass", checks[name]
    assert checks["schema"].detail == f"at the latest revision {head_revision()}"
    assert checks[f"{GOOGLE} endpoint"].status == "pass"
    assert "sandbox answered a read" in checks[f"{META} endpoint"].detail
    assert checks[f"{GOOGLE} credentials"].status == "skip"
    assert checks[f"{GOOGLE} api version"].status == "skip"
    assert checks["webhooks"] == Check.skipped(
        "webhooks", "no webhooks in midas.yaml (alerts are only listed)"
    )
    assert checks[f"lock {GOOGLE}"].detail == "free"


# -- installation ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("version", "requires", "status"),
    [((3, 10, 14), ">=3.11", "fail"), ((3, 11, 0), ">=3.11", "pass"), ((3, 13, 1), ">=3.11,<3.13", "fail")],
)
def test_python_version(version: tuple[int, int, int], requires: str, status: str) -> None:
    check = check_python(version, requires)
    assert check.status == status
    assert check.detail.startswith(f"Python {'.'.join(map(str, version))}")
    assert requires in check.detail
    assert bool(check.fix) == (status == "fail")


def test_the_running_python_meets_the_installed_requirement() -> None:
    check = check_python()
    assert check.status == "pass" and check.detail.endswith("(needs >=3.11)")


def test_packages_are_checked_against_the_requirements_extras_aside() -> None:
    requirements = ["google-ads<35,>=34.0.0", "pydantic<3,>=2.6", "numpy>=1.26", 'pytest>=8; extra == "test"']
    installed = {"google-ads": "33.1.0", "pydantic": "2.9.2"}
    check = check_packages(requirements, installed.get)
    assert check.status == "fail"
    assert "google-ads 33.1.0 (needs <35,>=34.0.0)" in check.detail
    assert "numpy is missing" in check.detail
    assert "pydantic" not in check.detail and "pytest" not in check.detail
    assert check.fix == "pip install 'google-ads<35,>=34.0.0' 'numpy>=1.26'"


def test_the_installed_packages_meet_the_requirements() -> None:
    check = check_packages()
    assert check.status == "pass", check.detail


# -- workspace ------------------------------------------------------------------------------------------
def test_an_invalid_spec_fails_with_its_location_and_the_rest_still_runs(ws: Path, state_url: str) -> None:
    migrated(state_url).close()
    (ws / "specs" / "broken.yaml").write_text("kind: Campaign\nname: 3\n")
    checks = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))
    assert checks["workspace"].status == "fail"
    assert "broken.yaml:" in checks["workspace"].detail
    assert "midas validate" in checks["workspace"].fix
    assert checks["schema"].status == "pass"  # midas.yaml itself is fine: the store is still checked


def test_without_midas_yaml_only_the_installation_is_checked(tmp_path: Path) -> None:
    report = run_checks(tmp_path)
    checks = by_name(report)
    assert checks["workspace"].status == "fail" and "no midas.yaml" in checks["workspace"].detail
    assert checks["state store"].status == "skip" and checks["accounts"].status == "skip"


# -- state store ----------------------------------------------------------------------------------------
def test_a_store_not_yet_created_is_skipped_not_created(ws: Path) -> None:
    checks = by_name(run_checks(ws, now=lambda: NOW))
    assert checks["state store"].status == "skip"
    assert "first `midas plan`" in checks["state store"].detail
    assert checks["audit chain"].status == "skip"
    assert not (ws / ".midas" / "state.db").exists()


def _upgrade_to(state_url: str, revision: str) -> None:
    engine = create_engine(parse_url(state_url))  # MIDAS's own: it makes the SQLite directory
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _revision(state_url: str) -> str | None:
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.connect() as connection:
        revision = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return revision


def test_a_store_at_an_old_revision_fails_and_is_left_as_it_was(ws: Path, state_url: str) -> None:
    _upgrade_to(state_url, "0004")
    checks = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))
    assert checks["state store"].status == "pass"
    assert checks["schema"].status == "fail"
    assert checks["schema"].detail == f"at revision 0004; this MIDAS needs {head_revision()}"
    assert "midas state runs" in checks["schema"].fix
    assert checks["audit chain"].status == "skip" and checks["locks"].status == "skip"
    assert _revision(state_url) == "0004"


def test_a_store_from_a_newer_midas_says_to_upgrade(ws: Path, state_url: str) -> None:
    migrated(state_url).close()
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    check = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))["schema"]
    assert check.status == "fail" and "newer than this MIDAS knows" in check.detail
    assert check.fix == "upgrade MIDAS: pip install -U midas-reconcile"


def test_an_unreachable_database_fails_without_waiting_long(ws: Path) -> None:
    url = f"postgresql+psycopg://midas@127.0.0.1:{closed_port()}/midas"
    checks = by_name(run_checks(ws, state_url=url, timeout_s=2, now=lambda: NOW))
    assert checks["state store"].status == "fail"
    assert "MIDAS_STATE_URL" in checks["state store"].fix
    assert checks["schema"].status == "skip" and checks["audit chain"].status == "skip"


def test_a_tampered_audit_chain_fails(ws: Path, state_url: str) -> None:
    with migrated(state_url) as store:
        for n in range(3):
            store.audit("apply", "alice", {"n": n})
    assert by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))["audit chain"].status == "pass"
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"))
    engine.dispose()
    check = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))["audit chain"]
    assert check.status == "fail"
    assert check.detail.startswith("audit row 2: content does not match its hash")
    assert "midas state verify" in check.fix


_DIE_HOLDING_THE_LOCK = textwrap.dedent(
    """
    import os, signal, sys
    from midas_reconcile.store import StateStore
    store = StateStore.open(sys.argv[1])
    with store.lock(sys.argv[2], f"ci@runner pid {os.getpid()}"):
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_lock_left_by_a_dead_holder_is_stale(ws: Path, state_url: str) -> None:
    migrated(state_url).close()
    died = subprocess.run(
        [sys.executable, "-c", _DIE_HOLDING_THE_LOCK, state_url, GOOGLE], capture_output=True, timeout=60
    )
    assert died.returncode == -9, died.stderr
    checks = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))
    stale = checks[f"lock {GOOGLE}"]
    assert stale.status == "fail"
    assert stale.detail.startswith("stale: left by ci@runner pid ")
    assert f"midas state unlock {GOOGLE} --force" in stale.fix
    assert checks[f"lock {META}"].status == "pass"
    with migrated(state_url) as store:
        assert store.break_lock(GOOGLE)
    assert by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))[f"lock {GOOGLE}"].detail == "free"


def test_a_lock_held_by_a_live_run_is_not_stale(ws: Path, state_url: str) -> None:
    with migrated(state_url) as store, store.lock(GOOGLE, "bob@laptop pid 1"):
        check = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))[f"lock {GOOGLE}"]
    assert check.status == "pass"
    assert check.detail.startswith("held by bob@laptop pid 1 for ")


@pytest.mark.parametrize(("hours_ago", "status"), [(2, "pass"), (35, "pass"), (37, "fail")])
def test_metrics_freshness(ws: Path, state_url: str, hours_ago: int, status: str) -> None:
    synced = NOW - dt.timedelta(hours=hours_ago)
    with migrated(state_url, clock=lambda: synced) as store:
        store.save_metrics([metrics_row(GOOGLE)], {})
    checks = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))
    assert checks[f"metrics {GOOGLE}"].status == status
    if status == "fail":
        assert checks[f"metrics {GOOGLE}"].fix.startswith(f"`midas metrics sync --account {GOOGLE}`")
    assert checks[f"metrics {META}"].status == "skip"  # never synced: not a failure


def test_an_account_a_sync_found_nothing_for_is_synced_all_the_same(ws: Path, state_url: str) -> None:
    """A sync that went through counts though it wrote no row (nothing delivered yet); a failed one not."""
    with migrated(state_url, clock=lambda: NOW - dt.timedelta(hours=2)) as store:
        store.finish_run(
            store.start_run("metrics", [GOOGLE, META], "ci"), "ok", {"rows": {GOOGLE: 0, META: 0}}
        )
        store.finish_run(store.start_run("metrics", [GOOGLE], "ci"), "failed", {})
    checks = by_name(run_checks(ws, state_url=state_url, now=lambda: NOW))
    assert checks[f"metrics {GOOGLE}"].status == checks[f"metrics {META}"].status == "pass"
    assert checks[f"metrics {META}"].detail.startswith("last synced 2")


# -- accounts -------------------------------------------------------------------------------------------
GOOGLE_SECRET = "dev-token-must-never-show-9f8e7d"
META_SECRET = "meta-token-must-never-show-1a2b3c"


def _real_connectors(
    ws: Path, *, endpoint: str | None = None, graph_url: str | None = None, access_level: str = "basic"
) -> None:
    def edit(settings: dict[str, Any]) -> None:
        google = settings["accounts"][GOOGLE]
        google.update(
            connector="google_ads",
            access_level=access_level,
            credentials={"developer_token_env": "DOC_GOOGLE_DEV", "access_token_env": "DOC_GOOGLE_TOKEN"},
        )
        if endpoint:
            google["endpoint"] = endpoint
        settings["accounts"][META].update(
            connector="meta_ads",
            ad_account_id=META_ACT,
            page_id="4242",
            graph_url=graph_url or "https://graph.facebook.com",
            credentials={"access_token_env": "DOC_META_TOKEN", "app_secret_env": "DOC_META_SECRET"},
        )

    edit_settings(ws, edit)


def test_missing_credentials_are_named_and_no_secret_is_shown(
    ws: Path, state_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated(state_url).close()
    _real_connectors(ws)
    monkeypatch.setenv("DOC_GOOGLE_DEV", GOOGLE_SECRET)
    monkeypatch.delenv("DOC_GOOGLE_TOKEN", raising=False)
    monkeypatch.setenv("DOC_META_TOKEN", META_SECRET)
    monkeypatch.delenv("DOC_META_SECRET", raising=False)
    report = run_checks(ws, state_url=state_url, now=lambda: NOW)
    checks = by_name(report)
    google = checks[f"{GOOGLE} credentials"]
    assert google.status == "fail"
    assert google.detail == "missing: environment variable DOC_GOOGLE_TOKEN"
    assert google.fix.startswith("export DOC_GOOGLE_TOKEN=…")
    assert checks[f"{META} credentials"].detail == "missing: environment variable DOC_META_SECRET"
    assert checks[f"{GOOGLE} endpoint"].status == "skip"
    assert checks[f"{GOOGLE} api version"].status == "pass"  # independent of the credentials
    for shown in (report.to_text(), report.to_json()):
        assert GOOGLE_SECRET not in shown and META_SECRET not in shown


def test_unreachable_endpoints_fail_with_a_fix_and_do_not_hang(
    ws: Path, state_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated(state_url).close()
    port = closed_port()
    _real_connectors(ws, endpoint=f"127.0.0.1:{port}", graph_url=f"http://127.0.0.1:{port}")
    for name, value in {
        "DOC_GOOGLE_DEV": GOOGLE_SECRET,
        "DOC_GOOGLE_TOKEN": "ya29.doc",
        "DOC_META_TOKEN": META_SECRET,
        "DOC_META_SECRET": "s",
    }.items():
        monkeypatch.setenv(name, value)
    report = run_checks(ws, state_url=state_url, timeout_s=3, now=lambda: NOW)
    checks = by_name(report)
    assert checks[f"{GOOGLE} credentials"].status == "pass"
    for account, host in ((GOOGLE, f"127.0.0.1:{port}"), (META, f"http://127.0.0.1:{port}")):
        endpoint = checks[f"{account} endpoint"]
        assert endpoint.status == "fail", endpoint
        assert endpoint.fix.startswith(f"check that {host} is reachable")
    assert checks[f"{META} quota"].status == "skip"
    assert GOOGLE_SECRET not in report.to_json() and META_SECRET not in report.to_json()


def test_a_call_that_never_returns_is_cut_off() -> None:
    release = threading.Event()
    try:
        with pytest.raises(NoAnswer):
            within(0.05, release.wait)
    finally:
        release.set()
    assert within(5, lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        within(5, lambda: 1 / 0)


@pytest.fixture
def reachable_real_connectors(
    ws: Path, google_fake: Any, meta_fake: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Both accounts on the SDK connectors, served by the wire fakes."""
    from fakes.google_ads_server import route_google_ads_to
    from fakes.google_fixtures import GOOGLE_ACCESS_TOKEN, GOOGLE_DEVELOPER_TOKEN

    _real_connectors(ws, graph_url=meta_fake.url)
    monkeypatch.setenv("DOC_GOOGLE_DEV", GOOGLE_DEVELOPER_TOKEN)
    monkeypatch.setenv("DOC_GOOGLE_TOKEN", GOOGLE_ACCESS_TOKEN)
    monkeypatch.setenv("DOC_META_TOKEN", META_TOKEN)
    monkeypatch.setenv("DOC_META_SECRET", META_APP_SECRET)
    with route_google_ads_to(google_fake):
        yield ws


def test_reachable_sdk_connectors_pass_with_version_quota_and_usage(
    reachable_real_connectors: Path, state_url: str
) -> None:
    with migrated(state_url, clock=lambda: NOW) as store:
        run = store.start_run("apply", [GOOGLE], "ci")
        store.finish_run(run, "ok", {"operations": {GOOGLE: 1200}})
    report = run_checks(reachable_real_connectors, state_url=state_url, now=lambda: NOW)
    checks = by_name(report)
    for account in (GOOGLE, META):
        for what in ("credentials", "endpoint", "api version", "quota"):
            assert checks[f"{account} {what}"].status == "pass", checks[f"{account} {what}"]
    assert checks[f"{GOOGLE} api version"].detail.startswith("Google Ads API v26")
    assert checks[f"{GOOGLE} quota"].detail == (
        "MIDAS spent 1,200 of the 15,000 daily operations today; 13,800 left"
    )
    assert checks[f"{META} quota"].detail.endswith("% of the call quota used")
    assert checks[f"{META} endpoint"].detail.startswith("http://127.0.0.1:")


def test_a_spent_daily_allowance_fails(reachable_real_connectors: Path, state_url: str) -> None:
    with migrated(state_url, clock=lambda: NOW) as store:
        run = store.start_run("apply", [GOOGLE], "ci")
        store.finish_run(run, "ok", {"operations": {GOOGLE: 15_000}})
    check = by_name(run_checks(reachable_real_connectors, state_url=state_url, now=lambda: NOW))[
        f"{GOOGLE} quota"
    ]
    assert check.status == "fail"
    assert "0 left" in check.detail and "midnight Pacific" in check.fix


def test_a_corrupt_sandbox_file_fails_the_endpoint_check(ws: Path) -> None:
    (ws / ".midas").mkdir()
    (ws / ".midas" / "sandbox.db").write_bytes(b"not a database" * 100)
    checks = by_name(run_checks(ws, now=lambda: NOW))
    for account in (GOOGLE, META):
        endpoint = checks[f"{account} endpoint"]
        assert endpoint.status == "fail", endpoint
        assert endpoint.detail.startswith("the sandbox connector cannot be set up")
        assert "move .midas/sandbox.db aside" in endpoint.fix
        assert checks[f"{account} quota"].status == "skip"


def test_an_api_version_the_sdk_does_not_ship_fails(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _real_connectors(ws)
    edit_settings(ws, lambda s: s["accounts"][META].update(api_version="v99.0"))
    checks = by_name(run_checks(ws, now=lambda: NOW))
    assert checks[f"{META} api version"].status == "fail"
    assert "newer than the installed facebook-business SDK" in checks[f"{META} api version"].detail
    assert checks[f"{GOOGLE} api version"].status == "pass"


# -- webhooks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hook", "env", "status", "in_detail"),
    [
        ({"url": "https://hooks.example.com/x"}, {}, "pass", "allowed URL, unsigned"),
        ({"url": "http://127.0.0.1:8080/x", "secret_env": "S"}, {"S": "k"}, "pass", "signed"),
        ({"url": "http://hooks.example.com/x"}, {}, "fail", "expected an https:// URL"),
        ({"url_env": "HOOK_URL"}, {"HOOK_URL": "ftp://example.com/x"}, "fail", "expected an https:// URL"),
        ({"url_env": "HOOK_URL"}, {}, "fail", "environment variable HOOK_URL not set"),
        ({"url": "https://hooks.example.com/x", "secret_env": "S"}, {}, "fail", "variable S not set"),
    ],
)
def test_webhook_channels(hook: dict[str, str], env: dict[str, str], status: str, in_detail: str) -> None:
    [check] = check_webhooks({"ops": WebhookSettings(**hook)}, env)
    assert check.status == status
    assert in_detail in check.detail
    assert bool(check.fix) == (status == "fail")
    assert "example.com" not in check.detail + check.fix  # a URL can hold a token: never shown
