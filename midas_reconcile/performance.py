"""A workspace's performance side: metrics sync, consolidated reports, alert rules and their webhooks.

``Session.performance`` gives the one of a session; it uses the session's store, settings, connectors
and paced calls. The pieces themselves live in ``metrics_sync``, ``insights``, ``alerts`` and
``webhooks``; this module wires them to a workspace.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from midas_reconcile import webhooks
from midas_reconcile.alerts import Finding, evaluate
from midas_reconcile.errors import MidasError
from midas_reconcile.insights import (
    DEFAULT_BENCHMARKS,
    GroupBy,
    Report,
    budgets_in,
    build_report,
    pick_campaigns,
)
from midas_reconcile.metrics_sync import SyncedRange, sync_account, sync_range
from midas_reconcile.money import from_google_micros, from_meta_minor
from midas_reconcile.resources import is_shared_budget
from midas_reconcile.store.alerts import Notice
from midas_reconcile.store.metrics import CampaignIdentity

if TYPE_CHECKING:
    from midas_reconcile.session import Session


class Performance:
    """Metrics, reports and alerts of one session's workspace."""

    def __init__(self, session: Session, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.session = session
        self._sleep = sleep

    def sync_metrics(
        self,
        accounts: Sequence[str] | None = None,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        on_chunk: Callable[[str, dt.date, dt.date], None] | None = None,
    ) -> list[SyncedRange]:
        """Pull daily campaign metrics into the store (see ``metrics_sync``)."""
        names = self.session.accounts(accounts)
        today = self.session.store.now().date()
        run_id = self.session.store.start_run("metrics", names, self.session.actor)
        synced: list[SyncedRange] = []
        try:
            addresses = {
                (address.platform, address.account, str(resource.platform_id)): str(address)
                for address, resource in self.session.store.recorded(names, with_fields=False).items()
                if address.kind == "campaign" and resource.platform_id
            }
            for account in names:
                span = sync_range(
                    self.session.store.last_metrics_day(account),
                    today=today,
                    window_days=self.session.settings.metrics.attribution_window_days,
                    start=start,
                    end=end,
                )
                synced.append(
                    sync_account(
                        self.session.store,
                        account,
                        self.session.connector(account),
                        span=span,
                        call=functools.partial(self.session.call, account),
                        campaign_addresses=addresses,
                        on_chunk=functools.partial(on_chunk, account) if on_chunk else None,
                    )
                )
        except BaseException:
            self.session.finish_run(run_id, "failed", {})
            raise
        self.session.finish_run(run_id, "ok", {"rows": {s.account: s.rows for s in synced}})
        return synced

    def report(
        self,
        *,
        start: dt.date,
        end: dt.date,
        by: GroupBy = "campaign",
        accounts: Sequence[str] | None = None,
        campaigns: Sequence[str] = (),
    ) -> Report:
        """The consolidated report of stored metrics for ``start``..``end`` against the period before."""
        if end < start:
            raise MidasError(
                f"--from {start} is after --to {end}; expected a first day on or before the last"
            )
        names = self.session.accounts(accounts)
        previous_end = start - dt.timedelta(days=1)
        previous_start = previous_end - (end - start)
        reporting = self.session.settings.reporting
        # The campaigns of the report the --campaign values pick from, which name its lines apart by account.
        reported = (
            self.session.store.metrics_campaigns(names, start=previous_start, end=end) if campaigns else set()
        )
        only = self._picked(campaigns, names, reported) if campaigns else None
        return build_report(
            self.session.store.metrics_totals(start=start, end=end, by=by, accounts=names, campaigns=only),
            self.session.store.metrics_totals(
                start=previous_start, end=previous_end, by=by, accounts=names, campaigns=only
            ),
            start=start,
            end=end,
            by=by,
            currency=reporting.currency,
            rates=reporting.rates,
            benchmarks={**DEFAULT_BENCHMARKS, **{str(k): v for k, v in reporting.benchmarks.items()}},
            daily_budgets={(c, p): b for (c, p, _), b in self._daily_budgets(names).items()},
            daily=self.session.store.metrics_totals(
                start=start, end=end, by="day_platform", accounts=names, campaigns=only
            ),
            others=reported - (only or set()),
        )

    def _picked(
        self, campaigns: Sequence[str], accounts: Sequence[str], reported: set[CampaignIdentity]
    ) -> set[CampaignIdentity]:
        """The campaigns ``campaigns`` name, as the report of the ``reported`` campaigns labels them (see
        ``insights.pick_campaigns``): a campaign spec, a campaign with stored metrics (one no spec holds any
        more, or one made in a console), or the ``name (account)`` of one; a typo is an error, not an empty
        report."""
        return pick_campaigns(
            campaigns,
            reported=reported,
            stored=self.session.store.metrics_campaigns(accounts),
            specs=self.session.workspace.campaigns,
        )

    def _daily_budgets(self, accounts: Sequence[str]) -> dict[tuple[str, str, str], tuple[Decimal, str]]:
        """(campaign, platform, account) → daily budget and currency, as last applied (Google campaign
        budgets, Meta campaign budgets). A campaign on a Google shared budget has none there: no one
        campaign's spend measures how much of a shared amount is used; nor has a Meta campaign on ad set
        budgets, whose spend may be a lifetime ad set's as much as a daily one's."""
        out: dict[tuple[str, str, str], tuple[Decimal, str]] = {}
        for address, resource in self.session.store.recorded(accounts).items():
            currency = self.session.settings.accounts[address.account].currency
            if is_shared_budget(address):
                continue
            if address.kind == "campaign_budget" and resource.fields.get("amount_micros"):
                out[(address.path, address.platform, address.account)] = (
                    from_google_micros(int(resource.fields["amount_micros"])),
                    currency,
                )
            elif (
                address.platform == "meta"
                and address.kind == "campaign"
                and resource.fields.get("daily_budget")
            ):
                out[(address.path, address.platform, address.account)] = (
                    from_meta_minor(int(resource.fields["daily_budget"]), currency),
                    currency,
                )
        return out

    def check_alerts(self, *, dry_run: bool = False) -> tuple[list[Finding], list[Notice]]:
        """Evaluate every AlertRule on the stored metrics and move the event lifecycle on (unless
        ``dry_run``): what fires, and what to notify."""
        rules = {name: doc.spec for name, doc in self.session.workspace.alert_rules.items()}
        labels = {name: dict(doc.metadata.labels) for name, doc in self.session.workspace.campaigns.items()}
        names = self.session.accounts()
        last_days = [d for d in (self.session.store.last_metrics_day(a) for a in names) if d is not None]
        findings: list[Finding] = []
        judged: list[str] = []
        if last_days and rules:
            reporting = self.session.settings.reporting
            target = reporting.currency or next(
                iter({a.currency for a in self.session.settings.accounts.values()}), ""
            )
            findings, judged = evaluate(
                rules,
                lambda start, end: self.session.store.metrics_totals(
                    start=start, end=end, by="campaign_account", accounts=names
                ),
                last_day=max(last_days),
                currency=reporting.currency,
                rates=reporting.rates,
                labels=labels,
                daily_budgets=budgets_in(self._daily_budgets(names), target, reporting.rates),
            )
        if dry_run:
            return findings, []
        notices = self.session.store.record_alerts(findings, judged=judged, rules=set(rules))
        self.session.store.queue_deliveries(
            webhooks.deliveries_for(notices, self.session.store.now().isoformat())
        )
        return findings, notices

    def deliver_webhooks(
        self, *, transport: webhooks.Post = webhooks.post, clock: Callable[[], float] = time.time
    ) -> list[tuple[str, str | None]]:
        """Send every pending webhook delivery (this run's and earlier failures): (channel, error or None)."""
        pending = self.session.store.pending_deliveries()
        if not pending:
            return []  # nothing to send: do not require the channels' variables
        channels = webhooks.resolve_channels(self.session.settings.webhooks)
        results = []
        for delivery in pending:
            channel = channels.get(delivery.channel)
            if channel is None:
                error: str | None = f"no webhook {delivery.channel!r} in midas.yaml"
            else:
                error = webhooks.send(
                    channel, delivery.notice, clock=clock, sleep=self._sleep, transport=transport
                )
            self.session.store.delivery_done(delivery.id, error)
            results.append((delivery.channel, error))
        return results
