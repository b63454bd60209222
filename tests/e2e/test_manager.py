"""``UnifiedAdsManager`` against the sandbox, on SQLite and PostgreSQL state: each method does what its CLI
command does (same files, same store, same locks), GitOps stays the source of truth, and secrets never
show. Async calls run with ``asyncio.run`` inside plain tests (no pytest-asyncio)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Coroutine
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from fakes.hand_built import NAME, holiday_sale

from midas_reconcile import (
    GoogleAdsConfig,
    LockHeld,
    MetaAdsConfig,
    PolicyViolation,
    Session,
    SpecError,
    StateStore,
    UnifiedAdsManager,
)
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.errors import AuthError
from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.settings import load_settings

T = TypeVar("T")

#: Days in the past whatever day the tests run, with sandbox metrics for campaigns live by then.
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 30)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def campaign(
    name: str, platforms: tuple[str, ...] = ("google", "meta"), daily: str = "30.00"
) -> dict[str, Any]:
    """A campaign in the API's short form: name, labels and the spec's keys side by side."""
    accounts = {"google": "google-main", "meta": "meta-main"}
    config: dict[str, Any] = {
        "name": name,
        "labels": {"team": "api"},
        "platforms": {p: {"account": accounts[p]} for p in platforms},
        "objective": "sales",
        "budget": {"daily": Decimal(daily), "currency": "USD"},
        "targeting": {"locations": ["US"], "ages": {"min": 25, "max": 54}},
        "creatives": [
            {
                "name": "main",
                "headlines": ["Summer Sale", "Up to 40% Off", "Free Shipping"],
                "descriptions": ["Lightweight trainers for every run.", "Find your perfect fit today."],
                "primary_text": "Run into summer.",
                "final_url": "https://shop.example.com/",
            }
        ],
    }
    if "google" in platforms:
        config["google"] = {"keywords": [{"text": f"running shoes {name}", "match": "phrase"}]}
    return config


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("specs", "policies")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def running_in_october(workspace: Path) -> None:
    """The example's spring-sale, which starts 2027-03-01, running from 2026-09-01: it delivers (on both
    platforms) in the month the tests sync and the optimizer looks back on."""
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("start: 2027-03-01", "start: 2026-09-01"))


def converge(workspace: Path, state_url: str) -> None:
    """``midas apply --auto-approve`` of the whole example workspace."""
    with Session(workspace, state_url=state_url) as session, session.locked(session.accounts()):
        assert session.apply(session.plan()).ok


def full_plan_changes(workspace: Path, state_url: str) -> list[str]:
    with Session(workspace, state_url=state_url) as session:
        return [
            f"{c.action.value} {c.address}: {c.reason}"
            for c in session.plan(fingerprints=False).plan.actionable
        ]


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIDAS_SANDBOX_FAULTS", raising=False)
    monkeypatch.delenv("MIDAS_STATE_URL", raising=False)
    monkeypatch.setenv("MIDAS_ACTOR", "api-test")


def test_create_writes_yaml_and_plans_without_applying(workspace: Path, state_url: str) -> None:
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    run(manager.initialize())
    created = run(manager.create_unified_campaign(campaign("summer-sale")))
    assert created.file == workspace / "specs" / "summer-sale.yaml"
    document = yaml.safe_load(created.file.read_text(encoding="utf-8"))
    assert document["metadata"] == {"name": "summer-sale", "labels": {"team": "api"}}
    assert "daily: 30.00" in created.file.read_text(encoding="utf-8")  # Decimal text, not a float
    assert created.applied is None
    changes = created.plan.plan.actionable
    assert changes and {c.address.campaign for c in changes} == {"summer-sale"}
    assert {c.action.value for c in changes} == {"create"}
    # The example's own campaigns are pending too: the plan says so instead of applying them.
    assert any("other pending change(s)" in w for w in created.plan.plan.warnings)
    with StateStore.open(state_url) as store:
        assert store.recorded(["google-main", "meta-main"]) == {}  # nothing applied


def test_create_with_apply_goes_through_apply_and_a_following_plan_has_no_changes(
    workspace: Path, state_url: str
) -> None:
    converge(workspace, state_url)
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    created = run(manager.create_unified_campaign(campaign("summer-sale"), apply=True))
    assert created.applied is not None and created.applied.ok
    assert created.plan.plan.warnings == [] or not any(
        "other pending" in w for w in created.plan.plan.warnings
    )
    assert full_plan_changes(workspace, state_url) == []
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["google-main", "meta-main"], with_fields=False)
        runs = store.runs()
    assert {a.campaign for a in recorded} >= {"summer-sale", "spring-sale"}
    assert any(r.kind == "apply" and r.actor == "api-test" for r in runs)  # journaled like `midas apply`


def test_guardrails_block_an_apply_unless_overridden(workspace: Path, state_url: str) -> None:
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    before = files(workspace)
    big = campaign("too-big", ("google",), daily="600.00")  # the example caps a campaign at 500 a day
    with pytest.raises(PolicyViolation, match="--override budget-cap"):
        run(manager.create_unified_campaign(big, apply=True))
    assert files(workspace) == before  # blocked: the YAML is removed again
    with StateStore.open(state_url) as store:
        assert not [a for a in store.recorded(["google-main"]) if a.campaign == "too-big"]
    lifted = run(manager.create_unified_campaign(big, apply=True, overrides=["budget-cap"]))
    assert lifted.applied is not None and lifted.applied.ok


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"objective": "fame"}, "objective"),
        ({"budget": {"daily": Decimal("-1"), "currency": "USD"}}, "budget.daily"),
        ({"platforms": {"google": {"account": "nope"}}}, "nope"),
        ({"name": "spring-sale"}, "spring-sale"),  # a name clash with the example's campaign
        ({"name": None}, "metadata.name"),
    ],
)
def test_bad_config_is_a_clear_error_and_nothing_is_written(
    workspace: Path, change: dict[str, Any], expected: str
) -> None:
    before = files(workspace)
    with pytest.raises(SpecError) as error:
        run(UnifiedAdsManager(workspace).create_unified_campaign({**campaign("bad-one"), **change}))
    assert expected in str(error.value)
    assert files(workspace) == before


def test_a_file_clash_is_refused_and_nothing_is_written(workspace: Path) -> None:
    (workspace / "specs" / "summer-sale.yaml").write_text("# somebody's draft\n", encoding="utf-8")
    before = files(workspace)
    with pytest.raises(SpecError, match="exists already"):
        run(UnifiedAdsManager(workspace).create_unified_campaign(campaign("summer-sale")))
    assert files(workspace) == before


def test_two_managers_run_concurrently_and_a_locked_account_fails_at_once(
    workspace: Path, state_url: str
) -> None:
    google = UnifiedAdsManager(workspace, db_connection=state_url, actor="job-google")
    meta = UnifiedAdsManager(workspace, db_connection=state_url, actor="job-meta")

    async def both() -> list[Any]:
        return await asyncio.gather(
            google.create_unified_campaign(campaign("search-only", ("google",)), apply=True),
            meta.create_unified_campaign(campaign("social-only", ("meta",)), apply=True),
        )

    results = run(both())
    assert all(r.applied is not None and r.applied.ok for r in results)
    assert [sorted(r.plan.plan.accounts) for r in results] == [["google-main"], ["meta-main"]]

    before = files(workspace)
    with StateStore.open(state_url) as store, store.lock("meta-main", "someone@elsewhere pid 7"):

        async def blocked_and_free() -> list[Any]:
            # A hang would trip the guard; LockHeld arrives at once (the store never waits for a lock).
            return await asyncio.wait_for(
                asyncio.gather(
                    meta.create_unified_campaign(campaign("social-two", ("meta",)), apply=True),
                    google.create_unified_campaign(campaign("search-two", ("google",)), apply=True),
                    return_exceptions=True,
                ),
                timeout=120,
            )

        locked, free = run(blocked_and_free())
    assert isinstance(locked, LockHeld) and "someone@elsewhere pid 7" in str(locked)
    assert not isinstance(free, BaseException) and free.applied is not None and free.applied.ok
    written = set(files(workspace)) - set(before)
    assert written == {"specs/search-two.yaml"}  # the locked call wrote nothing


def test_consolidated_report_has_the_seed_kpis(workspace: Path, state_url: str) -> None:
    running_in_october(workspace)
    converge(workspace, state_url)
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    report = run(manager.get_consolidated_report(["spring-sale"], START.isoformat(), END))
    assert {line.key[0] for line in report.lines} == {"spring-sale"}
    assert report.total.totals.impressions > 0 and report.total.totals.clicks > 0
    kpis = report.kpis
    assert kpis.consolidated_ctr == (
        Decimal(report.total.totals.clicks) * 100 / report.total.totals.impressions
    ).quantize(Decimal("0.0001"))
    assert kpis.return_on_ad_spend == kpis.roas and kpis.performance_grade in {"A", "B", "C", "D", "F"}
    # The same numbers as `midas report` (the same library call on the same store).
    with Session(workspace, state_url=state_url) as session:
        again = session.performance.report(start=START, end=END, campaigns=["spring-sale"])
    assert again.total == report.total
    with pytest.raises(SpecError, match="no campaign spec named 'nope'"):
        run(manager.get_consolidated_report(["nope"], START, END))


def test_optimize_cross_platform_allocates_the_total_between_platforms(
    workspace: Path, state_url: str
) -> None:
    running_in_october(workspace)
    converge(workspace, state_url)
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    run(manager.get_consolidated_report([], START, END))  # syncs the month's metrics
    result = run(
        manager.optimize_cross_platform(
            ["spring-sale", "brand-awareness"], {"total_budget": Decimal("120"), "max_change_pct": None}
        )
    )
    allocation = result.budget_optimization
    assert allocation.google_allocation + allocation.meta_allocation == allocation.total == Decimal("120")
    assert allocation.meta_allocation > 0 and allocation.google_allocation > 0
    assert sorted(c.name for c in result.performance.campaigns) == ["brand-awareness", "spring-sale"]
    assert all(c.days > 0 for c in result.performance.campaigns)
    with pytest.raises(OptimizerError, match="unknown rule 'nonsense'"):
        run(manager.optimize_cross_platform(["spring-sale"], {"nonsense": 1}))
    assert full_plan_changes(workspace, state_url) == []  # optimising changes nothing


def test_setup_monitoring_writes_a_validated_alert_rule(workspace: Path) -> None:
    manager = UnifiedAdsManager(workspace)
    setup = run(
        manager.setup_monitoring(
            {
                "name": "roas-floor",
                "metric": "roas",
                "operator": "<",
                "threshold": Decimal("2.5"),
                "severity": "critical",
            }
        )
    )
    assert setup.file == workspace / "policies" / "alerts" / "roas-floor.yaml"
    assert setup.rule.spec.threshold == Decimal("2.5") and setup.rule.spec.severity == "critical"
    with Session(workspace) as session:
        assert "roas-floor" in session.workspace.alert_rules  # the CLI sees it
    before = files(workspace)
    with pytest.raises(SpecError, match="metric"):
        run(manager.setup_monitoring({"name": "odd", "metric": "vibes", "operator": "<", "threshold": 1}))
    with pytest.raises(SpecError, match="low-ctr"):
        run(manager.setup_monitoring({"name": "low-ctr", "metric": "ctr", "operator": "<", "threshold": 1}))
    assert files(workspace) == before


def _live_ids(workspace: Path, account: str, name: str) -> str:
    resources = ConnectorFactory(load_settings(workspace)).create(account).read()
    return next(
        str(r.platform_id) for r in resources if r.address.kind == "campaign" and r.fields["name"] == name
    )


def test_sync_imports_live_campaigns_into_yaml_and_reports_drift(workspace: Path, state_url: str) -> None:
    converge(workspace, state_url)
    holiday_sale(workspace)
    google_id, meta_id = _live_ids(workspace, "google-main", NAME), _live_ids(workspace, "meta-main", NAME)
    managed_id = _live_ids(workspace, "google-main", "spring-sale")
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    synced = run(
        manager.sync_campaigns_bidirectional([google_id, managed_id], [f"meta-main:{meta_id}"], adopt=True)
    )
    # One unified spec for the Google and Meta campaigns of one name; the managed one is left alone.
    assert [c.name for c in synced.imported] == [NAME]
    assert sorted(synced.already_managed) == sorted([managed_id, f"meta-main:{meta_id}"])
    assert synced.imported[0].file.is_file()
    assert synced.adoption is not None and synced.adoption.ok
    assert synced.drift is not None and not synced.drift.has_drift
    assert full_plan_changes(workspace, state_url) == []


def test_health_check_is_the_doctor(workspace: Path, state_url: str) -> None:
    manager = UnifiedAdsManager(workspace, db_connection=state_url)
    run(manager.initialize())  # opens the store: creates and migrates its schema
    report = run(manager.health_check())
    assert report.ok, report.to_text()
    assert {"python", "workspace"} <= {c.name.split(" ")[0] for c in report.checks}


SECRETS = ("dev-token-SECRET-1", "refresh-SECRET-2", "meta-token-SECRET-3", "app-SECRET-4")


def _configs() -> tuple[GoogleAdsConfig, MetaAdsConfig]:
    return (
        GoogleAdsConfig(
            developer_token=SECRETS[0], client_id="id", client_secret="cs", refresh_token=SECRETS[1]
        ),
        MetaAdsConfig(access_token=SECRETS[2], app_secret=SECRETS[3]),
    )


def test_secrets_never_show_in_repr_dumps_or_output(
    workspace: Path, state_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    google, meta = _configs()
    manager = UnifiedAdsManager(
        workspace, db_connection=state_url, google_ads_config=google, meta_ads_config=meta
    )
    report = run(manager.health_check())
    created = run(manager.create_unified_campaign(campaign("summer-sale"), apply=True))
    print(report.to_text(), report.to_json(), created, manager)
    shown = "\n".join(
        [
            repr(google),
            str(meta),
            google.model_dump_json(),
            repr(manager),
            repr(manager._overlaid(load_settings(workspace))),
            capsys.readouterr().out,
            *files(workspace).values(),
        ]
    )
    assert "**********" in repr(google)
    assert not [s for s in SECRETS if s in shown]


def test_platform_configs_replace_the_environment_for_real_connectors(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (workspace / "midas.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    connector: sandbox          # meta_ads for the real API\n",
        "    connector: meta_ads\n    page_id: '1234'\n"
        "    credentials: {access_token_env: META_TOKEN_FOR_TEST}\n",
    )
    (workspace / "midas.yaml").write_text(text, encoding="utf-8")
    monkeypatch.delenv("META_TOKEN_FOR_TEST", raising=False)
    settings = load_settings(workspace)
    with pytest.raises(AuthError, match="META_TOKEN_FOR_TEST"):
        ConnectorFactory(settings).create("meta-main")

    _, meta = _configs()
    overlaid = UnifiedAdsManager(workspace, meta_ads_config=meta)._overlaid(settings)
    assert overlaid.accounts["meta-main"].resolve_credentials({}) == {
        "access_token": SECRETS[2],
        "app_secret": SECRETS[3],
    }
    connector = ConnectorFactory(overlaid).create("meta-main")  # no environment variable needed
    assert type(connector).__name__ == "MetaAdsConnector"
    assert load_settings(workspace).accounts["meta-main"].credentials == {
        "access_token_env": "META_TOKEN_FOR_TEST"
    }

    wrong = MetaAdsConfig(ad_account_id="act_999", access_token=SECRETS[2])
    with pytest.raises(SpecError, match="act_999") as error:
        run(UnifiedAdsManager(workspace, meta_ads_config=wrong).initialize())
    assert SECRETS[2] not in str(error.value)


def test_blocking_work_runs_off_the_event_loop(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from midas_reconcile import manager as manager_module

    loop_may_go_on = threading.Event()
    threads: list[str] = []
    real_load = manager_module.load_workspace

    def load_after_the_loop_ran(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        # On the loop's own thread this would wait for the loop it blocks: the guard ends that case.
        assert loop_may_go_on.wait(timeout=60), "the manager blocked the event loop"
        return real_load(*args, **kwargs)

    monkeypatch.setattr(manager_module, "load_workspace", load_after_the_loop_ran)

    async def drive() -> Any:
        task = asyncio.create_task(
            UnifiedAdsManager(workspace).setup_monitoring(
                {"name": "spend-cap", "metric": "spend", "operator": ">", "threshold": Decimal("500")}
            )
        )
        await asyncio.sleep(0)  # let the task start; the loop is free while its work waits
        loop_may_go_on.set()
        return await task

    setup = run(drive())
    assert setup.rule.name == "spend-cap"
    assert threads and threads[0] != threading.main_thread().name


def test_in_memory_meta_credentials_reach_the_graph_api(
    workspace: Path, state_url: str, meta_fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fakes.meta_fixtures import META_ACT, META_APP_SECRET, META_TOKEN

    text = (workspace / "midas.yaml").read_text(encoding="utf-8")
    text = text.replace("ad_account_id: act_1234567890", f"ad_account_id: {META_ACT}").replace(
        "    connector: sandbox          # meta_ads for the real API\n",
        f"    connector: meta_ads\n    page_id: '4242'\n    graph_url: {meta_fake.url}\n"
        "    credentials: {access_token_env: UNSET_META_TOKEN, app_secret_env: UNSET_META_SECRET}\n",
    )
    (workspace / "midas.yaml").write_text(text, encoding="utf-8")
    monkeypatch.delenv("UNSET_META_TOKEN", raising=False)
    monkeypatch.delenv("UNSET_META_SECRET", raising=False)
    config = MetaAdsConfig(ad_account_id=META_ACT, access_token=META_TOKEN, app_secret=META_APP_SECRET)
    manager = UnifiedAdsManager(workspace, db_connection=state_url, meta_ads_config=config)
    run(manager.initialize())

    checks = {c.name: c for c in run(manager.health_check()).checks}
    assert checks["meta-main endpoint"].status == "pass", checks["meta-main endpoint"]
    # The credentials are the config's, in memory: present, and never shown.
    assert checks["meta-main credentials"].status == "pass", checks["meta-main credentials"]
    assert META_TOKEN not in str(checks) and META_APP_SECRET not in str(checks)
    created = run(manager.create_unified_campaign(campaign("social-only", ("meta",)), apply=True))
    assert created.applied is not None and created.applied.ok  # written through the Graph API fake
    synced = run(manager.sync_campaigns_bidirectional())
    assert synced.drift is not None and not synced.drift.has_drift

    without = UnifiedAdsManager(workspace, db_connection=state_url)  # the environment has no token
    with pytest.raises(AuthError, match="UNSET_META_TOKEN"):
        run(without.sync_campaigns_bidirectional())
