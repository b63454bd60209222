"""``UnifiedAdsManager``: the seed's async Python API, as a thin facade over the library the CLI uses.

Every method does what a CLI command does, through the same code: ``Session`` (plan, apply, drift,
locks, journal), the importer, ``Performance`` (metrics sync, reports), the optimiser and the doctor.
GitOps stays the source of truth:

- ``create_unified_campaign`` and ``setup_monitoring`` *write YAML* into the workspace — only after the
  workspace with the new document passes the normal loader (a bad document or a name clash raises
  ``SpecError`` and writes nothing) — and return what was written; a campaign is applied only with
  ``apply=True``, under the account locks, through the planner, guardrails, applier and journal, exactly
  as ``midas apply`` does.
- ``sync_campaigns_bidirectional`` brings live campaigns *into git* (``midas import``: YAML written,
  adopted on request) and reports the drift of what MIDAS already manages. Live never silently
  overwrites git and git reaches live only through an explicit apply: that is what "bidirectional" can
  honestly mean here.

Concurrency: blocking work runs in a worker thread (``asyncio.to_thread``) and every call opens its own
``Session`` (store connection, connectors) and closes it, so one manager may run several calls at once,
and several managers may share a workspace. Writers are serialised by the store's per-account locks: a
call that needs a lock another writer holds raises ``LockHeld`` at once, it does not wait.

Campaigns are named by their unified name (``metadata.name``), as in the specs and ``midas report``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.doctor import DoctorReport, run_checks
from midas_reconcile.errors import MidasError, PolicyViolation, SpecError, SpecIssue
from midas_reconcile.importing.importer import adoption_plan, import_campaigns, slug
from midas_reconcile.importing.render import render_document
from midas_reconcile.insights import GroupBy, Report
from midas_reconcile.manager_models import (
    CampaignCreation,
    CampaignSync,
    CrossPlatformOptimization,
    GoogleAdsConfig,
    MetaAdsConfig,
    MonitoringSetup,
)
from midas_reconcile.optimizer import workspace as optimizer_workspace
from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.optimizer.api import CrossPlatformOptimizer
from midas_reconcile.session import PlanOutcome, Session
from midas_reconcile.settings import AccountSettings, Settings
from midas_reconcile.spec import Workspace, load_workspace
from midas_reconcile.spec.loader import API_VERSION
from midas_reconcile.store import StateStore

P = ParamSpec("P")
T = TypeVar("T")

#: Options of ``optimize_cross_platform`` that are not ``BudgetRules`` fields.
_OPTIMIZATION_OPTIONS = ("total_budget", "lookback_days", "currency")


class UnifiedAdsManager:
    """Google Ads and Meta Ads from Python, over one MIDAS workspace (see the module doc).

    ``workspace`` is the folder holding midas.yaml; ``db_connection`` a state store URL that replaces
    midas.yaml's (as ``--state-url`` does); ``google_ads_config`` / ``meta_ads_config`` give credentials
    in memory instead of the environment variables midas.yaml names, for one account each.
    """

    def __init__(
        self,
        workspace: Path | str = ".",
        db_connection: str | None = None,
        google_ads_config: GoogleAdsConfig | None = None,
        meta_ads_config: MetaAdsConfig | None = None,
        *,
        actor: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.root = Path(workspace).resolve()
        self.db_connection = db_connection
        self.actor = actor
        self._configs = [c for c in (google_ads_config, meta_ads_config) if c is not None]
        self._sleep = sleep

    def __repr__(self) -> str:
        # The state URL may carry a password, and the configs hold secrets: neither is shown.
        configs = ", ".join(type(c).__name__ for c in self._configs) or "no platform configs"
        return f"UnifiedAdsManager({str(self.root)!r}, {configs})"

    # -- plumbing ------------------------------------------------------------------------------------
    async def _off_loop(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.to_thread(fn, *args, **kwargs)

    def _overlaid(self, settings: Settings) -> Settings:
        """``settings`` with the platform configs' secrets as the credentials of their accounts."""
        return settings.model_copy(update={"accounts": {**settings.accounts, **self._overlays(settings)}})

    def _overlays(self, settings: Settings) -> dict[str, AccountSettings]:
        """The accounts the platform configs are for, each with the config's secrets as credentials."""
        accounts: dict[str, AccountSettings] = {}
        for config in self._configs:
            platform = "google" if isinstance(config, GoogleAdsConfig) else "meta"
            name = config.account or _only_account(settings, platform, type(config).__name__)
            account = settings.account(name)
            if account.platform != platform:
                raise SpecError(
                    [
                        SpecIssue(
                            "midas.yaml",
                            1,
                            1,
                            f"accounts.{name}.platform",
                            f"the {type(config).__name__} names account {name!r}, a {account.platform} "
                            f"account; expected a {platform} account",
                        )
                    ]
                )
            accounts[name] = config.overlay(name, account)
        return accounts

    @contextlib.contextmanager
    def _session(self) -> Iterator[Session]:
        """A session of its own for one call (sessions are not shared between threads)."""
        session = Session(self.root, state_url=self.db_connection, actor=self.actor, sleep=self._sleep)
        try:
            if self._configs:
                session.factory = ConnectorFactory(self._overlaid(session.settings), sleep=self._sleep)
            yield session
        finally:
            session.close()

    # -- lifecycle and health ------------------------------------------------------------------------
    async def initialize(self) -> None:
        """Validate the workspace and the platform configs, and open (migrating) the state store.

        Raises ``SpecError`` for a bad workspace or a config that contradicts midas.yaml, ``StateError``
        for an unreachable store. Optional: every call works without it; it makes problems show early.
        """
        await self._off_loop(self._initialize)

    def _initialize(self) -> None:
        workspace = load_workspace(self.root)
        self._overlaid(workspace.settings)
        StateStore.open(self.db_connection or workspace.settings.state_url).close()

    async def health_check(self) -> DoctorReport:
        """``midas doctor``: every check with ✓/✗ and a fix (``report.ok``, ``report.to_text()``)."""
        return await self._off_loop(self._health_check)

    def _health_check(self) -> DoctorReport:
        # The doctor checks the accounts with the in-memory credentials of the platform configs.
        overlay = self._overlaid if self._configs else None
        return run_checks(self.root, state_url=self.db_connection, overlay=overlay)

    # -- campaigns -----------------------------------------------------------------------------------
    async def create_unified_campaign(
        self, campaign_config: Mapping[str, Any], apply: bool = False, *, overrides: Sequence[str] = ()
    ) -> CampaignCreation:
        """Write a Campaign into ``specs/<name>.yaml`` and return the plan of its changes.

        ``campaign_config`` is the document as a mapping: either the whole envelope (``metadata``,
        ``spec``; ``apiVersion``/``kind`` optional) or ``{"name": …, "labels": {…}, <spec keys>…}``.
        Nothing is written when the workspace with it does not validate (``SpecError`` with
        ``file:line:field``) or the name or file exists already. With ``apply=True`` the campaign's
        accounts are locked first (``LockHeld`` at once if another writer holds one, nothing written),
        then its changes are applied as ``midas apply`` would. When planning fails, or guardrails block
        the apply (``PolicyViolation`` unless ``overrides`` lift them), the file is removed again: the
        YAML stays only once it was planned (and, with ``apply=True``, applied — even partly). The plan
        holds only this campaign's changes; other pending changes in its accounts are left to ``midas
        apply`` and counted in the plan's warnings.
        """
        return await self._off_loop(self._create_campaign, dict(campaign_config), apply, tuple(overrides))

    def _create_campaign(
        self, config: dict[str, Any], apply: bool, overrides: tuple[str, ...]
    ) -> CampaignCreation:
        name, file, text = _document("Campaign", config, "specs")
        workspace = load_workspace(self.root, pending={file: text})
        spec = workspace.campaigns[name].spec
        targets = (("google", spec.platforms.google), ("meta", spec.platforms.meta))
        ours = {(platform, target.account, name) for platform, target in targets if target is not None}
        accounts = sorted({account for _, account, _ in ours})
        with self._session() as session, session.locked(accounts) if apply else contextlib.nullcontext():
            path = _write_new(self.root / file, text)
            try:
                session.reload()
                outcome = _scoped(session, session.plan(accounts, fingerprints=False), ours)
                blocking = outcome.blocking(overrides) if apply else []
                if blocking:
                    raise PolicyViolation(blocking)
            except BaseException:
                # Nothing reached a platform: the call leaves the workspace as it found it.
                path.unlink(missing_ok=True)
                raise
            applied = None
            if apply and outcome.plan.has_changes:
                applied = session.apply(outcome, overrides=overrides)
        return CampaignCreation(name=name, file=path, plan=outcome, applied=applied)

    async def sync_campaigns_bidirectional(
        self,
        google_campaign_ids: Sequence[str] = (),
        meta_campaign_ids: Sequence[str] = (),
        *,
        adopt: bool = False,
    ) -> CampaignSync:
        """Live → git for the campaigns named (platform ids, or ``account:id`` when the workspace has
        several accounts of the platform): those MIDAS does not manage yet are imported into
        ``specs/imported/`` (``midas import``; a Google and a Meta campaign of one name become one spec),
        and with ``adopt=True`` claimed under the account locks (``midas import --adopt``). Then the
        drift of every managed resource (``midas drift``). Git → live is an explicit apply, never done
        here. ``ImportRefused`` when a campaign cannot be imported exactly (nothing written)."""
        return await self._off_loop(self._sync, list(google_campaign_ids), list(meta_campaign_ids), adopt)

    def _sync(self, google_ids: list[str], meta_ids: list[str], adopt: bool) -> CampaignSync:
        result = CampaignSync()
        with self._session() as session:
            names = session.accounts()
            managed = {
                (address.platform, address.account, str(resource.platform_id))
                for address, resource in session.store.recorded(names, with_fields=False).items()
                if address.kind == "campaign" and resource.platform_id
            }
            for platform, ids in (("google", google_ids), ("meta", meta_ids)):
                wanted: dict[str, list[str]] = {}
                for given in ids:
                    account, campaign_id = _account_and_id(session.settings, platform, given)
                    imported = {(s[1], s[2]) for c in result.imported for s in c.sources}
                    if (platform, account, campaign_id) in managed or (account, campaign_id) in imported:
                        result.already_managed.append(given)
                    else:
                        wanted.setdefault(account, []).append(campaign_id)
                for account, campaign_ids in sorted(wanted.items()):
                    outcome = import_campaigns(session, account, campaign_ids=campaign_ids, adopt=adopt)
                    session.reload()
                    result.imported.extend(outcome.campaigns)
                    result.adoption = outcome.adoption or result.adoption
            result.drift = session.drift(names)
        return result

    # -- performance ---------------------------------------------------------------------------------
    async def get_consolidated_report(
        self,
        campaign_ids: Sequence[str],
        start_date: dt.date | str,
        end_date: dt.date | str,
        *,
        by: GroupBy = "campaign",
        sync: bool = True,
    ) -> Report:
        """``midas report`` for the campaigns named (all when empty), ``start_date``..``end_date``
        against the period before; with ``sync`` the days are fetched first (``midas metrics sync``).
        ``report.kpis`` has ``consolidated_ctr``, ``return_on_ad_spend``, ``performance_grade`` …"""
        start, end = _date(start_date, "start_date"), _date(end_date, "end_date")
        return await self._off_loop(self._report, list(campaign_ids), start, end, by, sync)

    def _report(self, campaigns: list[str], start: dt.date, end: dt.date, by: GroupBy, sync: bool) -> Report:
        with self._session() as session:
            _known_campaigns(session.workspace, campaigns)
            if sync:
                session.performance.sync_metrics(start=start, end=end)
            return session.performance.report(start=start, end=end, by=by, campaigns=campaigns)

    async def optimize_cross_platform(
        self, campaign_ids: Sequence[str], optimization_config: Mapping[str, Any] | None = None
    ) -> CrossPlatformOptimization:
        """Recommended daily budgets for the campaigns named, from their stored metrics (sync first).

        ``optimization_config``: ``total_budget`` (default: today's total), ``lookback_days`` (30),
        ``currency`` (default: the campaigns' accounts' one), and any ``BudgetRules`` field
        (``strategy``, ``goal``, ``max_change_pct`` …). Changes nothing: to use the budgets, write them
        into the specs (``midas optimize --write`` or a ``BudgetPolicy``). ``OptimizerError`` for bad
        options, ``SpecError`` for unknown campaigns.
        """
        return await self._off_loop(self._optimize, list(campaign_ids), dict(optimization_config or {}))

    def _optimize(self, campaigns: list[str], config: dict[str, Any]) -> CrossPlatformOptimization:
        with self._session() as session:
            workspace = session.workspace
            _known_campaigns(workspace, campaigns)
            if not campaigns:
                raise OptimizerError("name at least one campaign to optimise")
            lookback = config.get("lookback_days", 30)
            if not isinstance(lookback, int) or isinstance(lookback, bool) or lookback < 1:
                raise OptimizerError(f"lookback_days must be a whole number of days ≥ 1; found {lookback!r}")
            currency = config.get("currency") or _campaign_currency(workspace, campaigns)
            histories = optimizer_workspace.campaign_histories(
                workspace,
                session.store,
                campaigns,
                accounts=session.accounts(),
                currencies=session.currencies(),
                today=session.store.now().date(),
                lookback_days=lookback,
                currency=currency,
            )
        total = Decimal(
            str(config.get("total_budget", sum((h.current_budget for h in histories), Decimal(0))))
        )
        rules = {k: v for k, v in config.items() if k not in _OPTIMIZATION_OPTIONS}
        optimizer = CrossPlatformOptimizer()
        return CrossPlatformOptimization(
            performance=optimizer.analyze_performance(histories, lookback),
            budget_optimization=optimizer.optimize_budget_allocation(
                histories, total, {"currency": currency, **rules}
            ),
        )

    async def setup_monitoring(self, alert_config: Mapping[str, Any]) -> MonitoringSetup:
        """Write an AlertRule into ``policies/alerts/<name>.yaml`` (validated first, as for campaigns)
        and return it; ``midas alerts check`` (or ``session.performance``) evaluates it."""
        return await self._off_loop(self._setup_monitoring, dict(alert_config))

    def _setup_monitoring(self, config: dict[str, Any]) -> MonitoringSetup:
        name, file, text = _document("AlertRule", config, "policies/alerts")
        workspace = load_workspace(self.root, pending={file: text})
        path = _write_new(self.root / file, text)
        return MonitoringSetup(rule=workspace.alert_rules[name], file=path)


# -- helpers -----------------------------------------------------------------------------------------
def _only_account(settings: Settings, platform: str, config: str) -> str:
    names = sorted(n for n, a in settings.accounts.items() if a.platform == platform)
    if len(names) != 1:
        raise SpecError(
            [
                SpecIssue(
                    "midas.yaml",
                    1,
                    1,
                    "accounts",
                    f"the {config} names no account and midas.yaml has {len(names)} {platform} accounts "
                    f"({', '.join(names) or 'none'}); expected account=… naming one",
                )
            ]
        )
    return names[0]


def _account_and_id(settings: Settings, platform: str, given: str) -> tuple[str, str]:
    """``account:id`` or a bare id (when the workspace has one account of ``platform``)."""
    account, separator, campaign_id = str(given).rpartition(":")
    if not separator:
        return _only_account(settings, platform, f"{platform} campaign id {given!r}"), campaign_id
    if settings.account(account).platform != platform:
        raise MidasError(f"{given!r}: account {account!r} is not a {platform} account")
    return account, campaign_id


def _document(kind: str, config: dict[str, Any], folder: str) -> tuple[str, str, str]:
    """(name, file relative to the root, YAML text) of a document given as a mapping."""
    if "spec" in config:
        document = {"apiVersion": API_VERSION, "kind": kind, **config}
        metadata = document.get("metadata")
        name = metadata.get("name") if isinstance(metadata, Mapping) else None
    else:
        spec = dict(config)
        name = spec.pop("name", None)
        labels = spec.pop("labels", None)
        metadata = {"name": name, **({"labels": labels} if labels else {})}
        document = {"apiVersion": API_VERSION, "kind": kind, "metadata": metadata, "spec": spec}
    if document["kind"] != kind:
        raise SpecError(
            [SpecIssue("<config>", 1, 1, "kind", f"found {document['kind']!r}; expected {kind!r}")]
        )
    if not isinstance(name, str) or not name:
        raise SpecError(
            [SpecIssue("<config>", 1, 1, "metadata.name", f"missing name; expected the {kind}'s name (text)")]
        )
    file = f"{folder}/{slug(name)}.yaml"
    header = [f"Written by UnifiedAdsManager ({kind} {name!r}); review and commit it like any spec."]
    return name, file, render_document(document, header)


def _write_new(path: Path, text: str) -> Path:
    """Create ``path`` with ``text`` atomically: a concurrent reader sees no file or the whole file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A hidden temp file in the same folder: the loader skips it, and the rename is atomic.
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.link(temp, path)  # fails if the file appeared meanwhile: never overwrite a spec
    except FileExistsError:
        raise SpecError(
            [SpecIssue(path.name, 1, 1, "", "the file exists already; expected a new file")]
        ) from None
    finally:
        os.unlink(temp)
    return path


def _scoped(session: Session, outcome: PlanOutcome, ours: set[tuple[str, str, str]]) -> PlanOutcome:
    """The plan cut down to one campaign's changes, checked again against the guardrails."""
    total = len(outcome.plan.actionable)
    plan = adoption_plan(outcome.plan, ours)
    others = total - len(plan.actionable)
    if others:
        plan.warnings.append(
            f"{others} other pending change(s) in {', '.join(plan.accounts)} are not part of this plan; "
            "`midas plan` shows them"
        )
    return session.outcome_for(plan)


def _known_campaigns(workspace: Workspace, campaigns: Sequence[str]) -> None:
    unknown = [c for c in campaigns if c not in workspace.campaigns]
    if unknown:
        known = ", ".join(sorted(workspace.campaigns)) or "none"
        raise SpecError(
            [
                SpecIssue(
                    "specs", 1, 1, "campaign_ids", f"no campaign spec named {name!r}; expected one of {known}"
                )
                for name in unknown
            ]
        )


def _campaign_currency(workspace: Workspace, campaigns: Sequence[str]) -> str:
    currencies = set()
    for name in campaigns:
        spec = workspace.campaigns[name].spec
        for target in (spec.platforms.google, spec.platforms.meta):
            if target is not None:
                currencies.add(workspace.settings.accounts[target.account].currency)
    if len(currencies) != 1:
        raise OptimizerError(
            f"the campaigns' accounts are in {', '.join(sorted(currencies))}; pass currency=… and name "
            "campaigns of one currency (amounts are never converted)"
        )
    return currencies.pop()


def _date(value: dt.date | str, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise MidasError(f"{name} {value!r} is not a date; expected YYYY-MM-DD") from None


__all__ = ["UnifiedAdsManager"]
