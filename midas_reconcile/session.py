"""A Session ties one workspace to its state store and connectors, and runs plan / apply / drift.

This is the library behind every CLI command: the CLI parses, calls a Session method and renders. Data
flow (see DESIGN.md): specs → compile → desired; connectors → live; store → recorded (+ claims of an
interrupted apply); planner → Plan; guardrails → violations; applier → ApplyResult.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import getpass
import os
import random
import socket
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

from midas_reconcile import drift_report, planner, policies, quota
from midas_reconcile.ad_names import AD_KIND, meta_ads_by_record, named_by_content, named_by_record
from midas_reconcile.applier import ApplyEvent, ApplyResult, apply
from midas_reconcile.audiences import existing as existing_audiences
from midas_reconcile.audiences import lifecycle as audience_lifecycle
from midas_reconcile.change_limits import ChangeGate, limited_fields, longest_window
from midas_reconcile.compile import AudienceUpload, campaign_aliases, compile_workspace
from midas_reconcile.compile.audiences import compile_audiences
from midas_reconcile.compile.google import named_types_by_path
from midas_reconcile.connectors import audience_refs
from midas_reconcile.connectors.base import (
    Connector,
    KnowsNearNames,
    NamesTargets,
    ReadsAudiences,
    ReadsForImport,
    ReportsUsage,
    RetriesEachQuery,
)
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.diff import diff, immutable_changes
from midas_reconcile.drift_report import DriftReport
from midas_reconcile.errors import (
    ConnectorError,
    PlanError,
    PolicyViolation,
    SpecError,
    SpecIssue,
    TransientError,
)
from midas_reconcile.gcpause import gc_paused
from midas_reconcile.optimizer import workspace as optimizer_workspace
from midas_reconcile.performance import Performance
from midas_reconcile.plan import Action, Plan
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.remote_validation import Rejection, validate_remote
from midas_reconcile.resources import (
    ASSET_GROUP_LEVEL,
    GOOGLE,
    GROUP_KINDS,
    KIND_ORDER,
    META,
    Address,
    Resource,
    SharedParts,
    campaigns_by_record,
    fingerprint,
    groups_by_record,
    is_audience_ref,
    renamed_campaigns,
)
from midas_reconcile.spec import Workspace, load_workspace
from midas_reconcile.spec._meta_media_options import MEDIA_OPTIONS, mixed_images, story_first
from midas_reconcile.spec._places import canonical_location, google_geo_id
from midas_reconcile.store import StateStore
from midas_reconcile.targeting import Resolver
from midas_reconcile.targeting.places import dma_of_google_geo, place_id_in_address, place_ids
from midas_reconcile.targeting.tables import last_segment

T = TypeVar("T")

#: Attempts for one read call before its TransientError reaches the user.
READ_ATTEMPTS = 8


#: What a read-only session reads when the workspace has no state store yet: an empty one, in memory.
EMPTY_STATE_URL: Final = "sqlite://"


def default_actor() -> str:
    """Who is acting, for runs, locks and the audit log: ``MIDAS_ACTOR`` or user@host pid N."""
    actor = os.environ.get("MIDAS_ACTOR")
    if actor:
        return actor
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()} pid {os.getpid()}"


@dataclass
class PlanOutcome:
    """A plan with what blocks its apply: conflicts found by the planner and guardrail violations
    (each of which names the ``--override`` that lifts it)."""

    plan: Plan
    conflicts: list[str] = field(default_factory=list)
    violations: list[policies.Violation] = field(default_factory=list)

    def blocking(self, overrides: Sequence[str] = ()) -> list[str]:
        """Messages of everything that blocks an apply: conflicts, and violations not overridden."""
        remaining = policies.enforce(self.violations, set(overrides))
        return [*self.conflicts, *(describe_violation(v) for v in remaining)]


def describe_violation(violation: policies.Violation) -> str:
    return f"{violation.message} (override with --override {violation.override})"


class Session:
    """One workspace, its state store and the connectors of its accounts."""

    def __init__(
        self,
        root: Path | str = ".",
        *,
        state_url: str | None = None,
        connectors: Mapping[str, Connector] | None = None,
        actor: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        read_only: bool = False,
    ) -> None:
        """``sleep`` is how waiting happens (rate limits, back-off): injectable for tests. ``read_only``:
        for commands that only read — without a state store yet they read an empty one held in memory
        instead of making one (see ``StateStore.open_existing``)."""
        self.root = Path(root).resolve()
        self._workspace: Workspace | None = None
        self._guardrail_specs: dict[str, Any] = {}
        self._audience_docs: dict[str, Any] = {}
        #: The members each compiled audience resource should hold (kept from ``desired`` to the apply).
        self._audience_uploads: dict[Address, AudienceUpload] = {}
        #: Where the audiences built outside MIDAS must be found live (address → audience name).
        self._existing_audiences: dict[Address, str] = {}
        self._aliases: dict[tuple[str, str], dict[str, str]] | None = None
        self.settings = self.workspace.settings
        url = state_url or self.settings.state_url
        self._state_url = url
        existing = StateStore.open_existing(url) if read_only else StateStore.open(url)
        #: Whether ``store`` is an empty one in memory, standing in for none made yet (``make_store``).
        self._stand_in = existing is None
        self.store = existing or StateStore.open(EMPTY_STATE_URL)
        self.actor = actor or default_actor()
        self.factory = ConnectorFactory(self.settings, sleep=sleep)
        self._connectors: dict[str, Connector] = dict(connectors or {})
        self._resolvers: dict[str, _CachedResolver] = {}
        self._limiters: dict[str, TokenBucket] = {}
        self._performance: Performance | None = None
        self._budget_policies: list[optimizer_workspace.PolicyRecommendation] = []
        #: Each counting connector's operations when the last run was recorded (see ``finish_run``).
        self._recorded_operations: dict[str, int] = {}
        self._sleep = sleep
        self._backoff = Backoff(rng=random.Random())
        #: Warnings of the session's own for the command to tell (``named_types``'s fallback).

    def make_store(self) -> None:
        """Make the state store a read-only session read none of (none was made yet): for a command that
        records only once its checks have passed (``import --adopt``), so that a refusal makes none."""
        if self._stand_in:
            self.store.close()
            self.store = StateStore.open(self._state_url)
            self._stand_in = False

    @property
    def workspace(self) -> Workspace:
        """The validated workspace (specs, policies, settings).

        A plan releases it once compiled: past compilation nothing in a plan or its apply needs the spec
        models, which at 10,000 campaigns take ~200 MB. It is read again from ``root`` when asked for
        after that (another plan, a drift).
        """
        if self._workspace is None:
            self._workspace = load_workspace(self.root)
            # Kept apart: checking a plan against the guardrails comes after the release.
            self._guardrail_specs = {name: doc.spec for name, doc in self._workspace.guardrails.items()}
            self._audience_docs = dict(self._workspace.audiences)
        return self._workspace

    def reload(self) -> None:
        """Read the specs again (after ``midas import`` or ``mirror`` wrote some)."""
        self._workspace = None
        self._aliases = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- accounts and connectors ----------------------------------------------------------------
    def accounts(self, only: Sequence[str] | None = None) -> list[str]:
        """Account names to work on: all of midas.yaml, or ``only`` (each must exist)."""
        known = sorted(self.settings.accounts)
        if not only:
            return known
        unknown = [name for name in only if name not in self.settings.accounts]
        if unknown:
            raise SpecError(
                [
                    SpecIssue(
                        "midas.yaml", 1, 1, "accounts", f"unknown account {name!r}; expected one of {known}"
                    )
                    for name in unknown
                ]
            )
        return sorted(set(only))

    def connector(self, account: str) -> Connector:
        if account not in self._connectors:
            self._connectors[account] = self.factory.create(account)
        return self._connectors[account]

    def place_entries(
        self, wanted: Mapping[str, Collection[str]], known: Mapping[str, Mapping[str, str]] | None = None
    ) -> dict[str, dict[str, str]]:
        """account → {location id: entry} for the ids ``wanted`` per account: as the specs this session
        compiled write them, else as ``known`` (a saved plan's ``places``) has them, else as the platform
        names them (``names_of``; regions as ISO 3166-2 codes, a place of another kind as it describes it,
        ``Austin County, US-TX (County)``), else as the store's resolution cache holds them (lower-cased: a
        city's name as cached). Ids none of them names (countries) are left out."""
        out: dict[str, dict[str, str]] = {}
        for account in sorted(wanted):
            ids = {last_segment(i) for i in wanted[account]}
            if not ids or account not in self.settings.accounts:
                continue
            resolver = self._resolvers.get(account)
            # A place written by its geo target constant (a county …) is shown as the platform describes it.
            written = resolver.entries() if resolver else {}
            entries = {i: e for i, e in written.items() if i in ids and google_geo_id(e) is None}
            entries.update(
                {i: e for i, e in (known or {}).get(account, {}).items() if i in ids and i not in entries}
            )
            missing = sorted(ids - set(entries))
            if self.settings.accounts[account].platform == GOOGLE:  # a DMA's constant is its code
                entries.update({i: dma for i in missing if (dma := dma_of_google_geo(i)) is not None})
                missing = sorted(ids - set(entries))
            if missing:
                entries.update(self._platform_entries(account, missing))
                platform = self.settings.accounts[account].platform
                cached = self.store.cached_names(platform, account, "location")
                spelled = {
                    i: canonical_location(cached[i]) for i in missing if i not in entries and i in cached
                }
                entries.update(
                    {i: e for i, e in spelled.items() if google_geo_id(e) is None}
                )  # not its id again
            if entries:
                out[account] = dict(sorted(entries.items()))
        return out

    def _platform_entries(self, account: str, ids: Sequence[str]) -> dict[str, str]:
        """Entries of place ids as the account's platform names them ({} when it cannot say: a plan or
        drift must never fail for a name it only shows)."""
        from midas_reconcile.targeting import google_geo_to_iso  # lazy: heavy tables

        platform = self.settings.accounts[account].platform
        ids = [i for i in ids if not (platform == GOOGLE and google_geo_to_iso(i) is not None)]  # countries
        connector = self.connector(account)
        if not ids or not isinstance(connector, NamesTargets):
            return {}
        try:
            return dict(self.call(account, lambda: connector.names_of("location", ids)))
        except ConnectorError:
            return {}

    def _regions(self, places: Mapping[str, Mapping[str, str]]) -> dict[tuple[str, str, str], str]:
        """(platform, account, id) → entry of the places a plan names (``Plan.places``), as guardrails take
        them."""
        return {
            (self.settings.accounts[account].platform, account, platform_id): entry
            for account, entries in places.items()
            if account in self.settings.accounts
            for platform_id, entry in entries.items()
        }

    def resolver(self, account: str) -> Resolver:
        """Name → id resolution for an account: memory, then the store's cache, then the platform."""
        if account not in self._resolvers:
            self._resolvers[account] = _CachedResolver(self, account)
        return self._resolvers[account]

    # -- plan -----------------------------------------------------------------------------------
    def desired(self, accounts: Sequence[str]) -> list[Resource]:
        self._budget_policies = optimizer_workspace.for_session(self)
        compiled = compile_workspace(
            self.workspace,
            resolver_for=self.resolver,
            accounts=accounts,
            budget_overrides=optimizer_workspace.budget_overrides(self._budget_policies),
        )
        self._audience_uploads = compiled.audience_uploads
        self._existing_audiences = compiled.existing_audiences
        return compiled.resources

    def named_types(self, accounts: Sequence[str]) -> dict[Address, tuple[str, ...]]:
        """The criterion types each Google campaign's (and ad group's) spec names now though it may compile
        none of them (``Resource.named_types``), by its address, for what takes its desired state from
        elsewhere (a snapshot): taken from the loaded specs as the compiler takes them
        (``compile.google.named_types_of``), never compiled, so that a spec that does not compile (a name
        no account resolves) stops no snapshot or restore."""
        wanted = set(accounts)
        named: dict[Address, tuple[str, ...]] = {}
        for name, doc in self.workspace.campaigns.items():
            target = doc.spec.platforms.google
            if target is not None and target.account in wanted:
                for (kind, path), types in named_types_by_path(doc.spec, name).items():
                    named[Address(GOOGLE, target.account, kind, path)] = types
        return named

    def read_live(
        self,
        accounts: Sequence[str],
        *,
        shared: SharedParts | None = None,
        audiences: Collection[str] = (),
        for_import: bool = False,
    ) -> dict[str, list[Resource]]:
        """Live resources per account (one bulk read per account). With ``shared`` (a plan's), each
        account's resources share their parts with the desired side (``SharedParts``) as soon as it is
        read, before the next account's read. The accounts in ``audiences`` have their audiences read
        too, with the members MIDAS confirmed uploaded (``audiences.lifecycle``). ``for_import``: an import's
        read, which takes in what only an import needs (``ReadsForImport``)."""
        live: dict[str, list[Resource]] = {}
        aliases = self.campaign_aliases()
        for account in accounts:
            connector = self.connector(account)
            if isinstance(connector, ReadsForImport):
                connector.read_for_import(for_import)
            found: list[Resource] = []
            if account in audiences and isinstance(connector, ReadsAudiences):
                found = self.call(account, connector.read_audiences)
                naming = found
                if audience_refs.shares_a_name(found):
                    naming = audience_refs.recorded_first(
                        found, self.store.recorded([account], with_fields=False)
                    )
                # They name the audiences the campaigns target: the read need not ask for them again.
                resources = self._read(account, connector, naming)
                audience_lifecycle.overlay_members(self.store, found)
            else:
                resources = self._read(account, connector, None)
            platform = self.settings.accounts[account].platform
            resources = renamed_campaigns(resources, aliases.get((platform, account), {}))
            resources = campaigns_by_record(
                resources, self.store.recorded_paths(account, platform, "campaign")
            )
            resources = groups_by_record(
                resources, self.store.recorded_paths(account, platform, GROUP_KINDS[platform][0])
            )
            if platform == GOOGLE:
                asset_groups = self.store.recorded_paths(account, GOOGLE, "asset_group")
                resources = groups_by_record(resources, asset_groups, ASSET_GROUP_LEVEL)
                resources = named_by_record(resources, self.store.recorded_paths(account, GOOGLE, AD_KIND))
            elif platform == META:
                resources = meta_ads_by_record(resources, self.store.recorded_paths(account, META, "ad"))
            resources += found
            if shared is not None:
                for resource in resources:
                    shared.adopt(resource)
            live[account] = resources
        return live

    def campaign_aliases(self) -> dict[tuple[str, str], dict[str, str]]:
        """The campaigns that go by another name on a platform (``compile.campaign_aliases``): read with
        the workspace, kept until ``reload``."""
        if self._aliases is None:
            self._aliases = campaign_aliases(self.workspace)
        return self._aliases

    def _read(self, account: str, connector: Connector, naming: Sequence[Resource] | None) -> list[Resource]:
        """One account's read (``naming``: its audiences, read already), query by query when the connector
        can (``RetriesEachQuery``: a transient failure repeats one query, each with the budget of ``call``),
        else retried whole."""
        if isinstance(connector, RetriesEachQuery):

            def retry(query: Callable[[], T]) -> T:
                return self.call(account, query)

            return connector.read_retrying(retry, naming)
        if naming is not None and isinstance(connector, ReadsAudiences):
            return self.call(account, functools.partial(connector.read, audiences=naming))
        return self.call(account, connector.read)

    def call(self, account: str, fn: Callable[[], T]) -> T:
        """One read call to an account's platform, paced by its rate limiter and retried with
        back-off (honouring the platform's ``retry_after``) while it answers ``TransientError``."""
        limiter = self.limiter(account)
        for attempt in range(1, READ_ATTEMPTS + 1):
            limiter.acquire()
            try:
                return fn()
            except TransientError as exc:
                if attempt == READ_ATTEMPTS:
                    raise
                if exc.retry_after:
                    limiter.penalize(exc.retry_after)
                self._sleep(self._backoff.delay(attempt, exc.retry_after))
        raise AssertionError("unreachable")  # pragma: no cover

    def plan(
        self,
        accounts: Sequence[str] | None = None,
        *,
        allow_destroy: bool = False,
        fingerprints: bool = True,
        adopt: Collection[Address] = (),
        desired: Sequence[Resource] | None = None,
        hand_back: Collection[Address] = (),
        as_live: Mapping[Address, Collection[str]] | None = None,
    ) -> PlanOutcome:
        """Plan the accounts (all by default). ``fingerprints=False`` skips hashing the live state,
        which only a plan that is saved and applied later needs (stale-plan refusal). ``adopt`` names
        live campaigns to own as if MIDAS had made them (``midas import --adopt``); ``desired`` replaces
        the compiled campaigns (``midas restore``: a snapshot's resources) — audiences still follow their
        specs; ``hand_back``: records to drop, their objects planned as if MIDAS held none (left alone as a
        console's: a restore's, of what the snapshot saw left alone) and released (``Plan.released``);
        ``as_live``: fields of desired resources taken as they are live, absent when live has none or no live
        object is there (a restore's, of what its snapshot cannot say: left as they are)."""
        names = self.accounts(accounts)
        run_id = self.store.start_run("plan", names, self.actor)
        try:
            with gc_paused():
                outcome = self._plan(names, allow_destroy, fingerprints, adopt, desired, hand_back, as_live)
        except BaseException:
            self.finish_run(run_id, "failed", {})
            raise
        self.finish_run(run_id, "ok", outcome.plan.summary())
        return outcome

    def _plan(
        self,
        names: list[str],
        allow_destroy: bool,
        with_fingerprints: bool,
        adopt: Collection[Address] = (),
        wanted: Sequence[Resource] | None = None,
        hand_back: Collection[Address] = (),
        as_live: Mapping[Address, Collection[str]] | None = None,
    ) -> PlanOutcome:
        self.campaign_aliases()  # while the workspace is loaded: it is released once compiled
        if wanted is None:
            desired = self.desired(names)
        else:
            # Audiences follow their specs (their customer lists) whatever else is desired.
            audiences = compile_audiences(self.workspace, names)
            self._audience_uploads = audiences.uploads
            self._existing_audiences = audiences.existing
            desired = [
                r
                for r in wanted
                if r.address.account in names and not audience_lifecycle.is_audience(r.address)
            ]
            desired = sorted([*desired, *audiences.resources], key=lambda r: r.address.sort_key())
        self._workspace = None  # compiled: see ``workspace``
        shared = SharedParts(desired)
        with_audiences = {r.address.account for r in desired if audience_lifecycle.is_audience(r.address)}
        with_audiences |= self.store.audience_accounts(names)
        existing = self._existing_audiences
        with_audiences |= {a.account for a in existing}
        live_by_account = self.read_live(names, shared=shared, audiences=with_audiences)
        existing_audiences.check_found(existing, live_by_account, self._audience_docs, self.root)
        # With their fields (shared with the desired side, so little memory): renames are compared as MIDAS
        # left them, and a console change the specs now hold is a record to refresh.
        recorded = self.store.recorded(names, shared=shared)
        del shared  # its index of the desired side is not needed by the planner
        # Named after the fingerprints are taken: a saved plan's freshness check reads live state alone.
        live = named_by_content((r for account in names for r in live_by_account[account]), desired, recorded)
        if as_live:
            desired = _taken_as_live(desired, live, as_live)
        claimed, _ = self._claimed(names, recorded, live)
        released = sorted(a for a in hand_back if a in recorded)
        if hand_back:
            recorded = {a: r for a, r in recorded.items() if a not in hand_back}
            claimed -= set(hand_back)
        result = planner.plan(
            desired,
            live,
            recorded,
            claimed=claimed | set(adopt),
            deletes_not_done=self.store.deletes_not_done(names),
            accounts=names,
            fingerprints={a: fingerprint(live_by_account[a]) for a in names} if with_fingerprints else {},
            allow_destroy=allow_destroy,
            existing=set(existing),
        )
        # Where a rename moves one, its record is released at the address it moves to as well.
        released += [
            c.address for c in result.changes if c.moved_from is not None and c.moved_from in released
        ]
        result.released = sorted({*result.released, *released}, key=Address.sort_key)
        optimizer_workspace.annotate(result, self._budget_policies)
        audience_lifecycle.annotate(result, self._audience_uploads, self.store)
        return self.outcome_for(result)

    def _claimed(
        self, names: Sequence[str], recorded: Mapping[Address, Resource], live: Sequence[Resource]
    ) -> tuple[set[Address], set[Address]]:
        """The journal's claims (what an interrupted apply was creating, and what a failed create made),
        and of them what a failed create made (``_made_though_failed``), which drift tells apart."""
        made = self._made_though_failed(names, recorded, live)
        return self.store.claimed_addresses(names) | made, made

    def _made_though_failed(
        self, names: Sequence[str], recorded: Mapping[Address, Resource], live: Sequence[Resource]
    ) -> set[Address]:
        """What a failed create made, that the journal reported by the id it is recorded and live under (a
        Google campaign whose marker label link was refused: unmarked, it is MIDAS's all the same, and the
        plan's update restores the label; drift tells its marker not yet linked)."""
        made = self.store.made_though_failed(names)
        if not made:
            return set()
        ids = {r.address: r.platform_id for r in live if r.address in made}
        return {
            address
            for address, platform_id in made.items()
            if ids.get(address) == platform_id
            and (record := recorded.get(address)) is not None
            and record.platform_id == platform_id
        }

    def outcome_for(self, plan: Plan, *, as_running: bool = False) -> PlanOutcome:
        """Check a plan against the guardrails; their messages join the plan's own (conflicts). Changes
        a platform's frequency limit will hold back say so (and until when) in their warnings.
        ``as_running``: hold each object the plan holds (written or not) to every location it targets, not
        only those a change adds (``policies.check``)."""
        self._annotate(plan)
        plan.places = self.place_entries(_plan_place_ids(plan), plan.places)
        guardrails = self._guardrails()
        regions = self._regions(plan.places)
        violations = policies.check(
            plan, guardrails, self.currencies(), regions=regions, as_running=as_running
        )
        texts = [describe_violation(v) for v in violations]
        conflicts = [message for message in plan.violations if message not in texts]
        plan.violations = [*conflicts, *texts]
        return PlanOutcome(plan=plan, conflicts=conflicts, violations=violations)

    def _annotate(self, plan: Plan) -> None:
        """Warnings only the session can give (it knows the journal and the runs): changes a platform's
        frequency limit will hold back, and each account's share of its daily allowance. Idempotent: a
        saved plan annotated again gets today's figures, not a second copy."""
        gate = self.change_gate(plan.accounts)
        for change in plan.changes:
            if change.action is Action.UPDATE:
                hold = gate.hold(change.address, {f.path.split(".")[0] for f in change.fields})
                note = f"this change {hold}" if hold else ""
                if note and note not in change.warnings:
                    change.warnings.append(note)
        allowance = tuple(f"{account}: applying this plan takes" for account in plan.accounts)
        plan.warnings = [w for w in plan.warnings if not w.startswith(allowance)]
        plan.warnings.extend(self._allowance_notes(plan))

    def _operations_spent(self) -> dict[str, int]:
        """API operations each connector that counts them has spent so far, by account."""
        out: dict[str, int] = {}
        for account, connector in self._connectors.items():
            spent = getattr(connector, "operations_spent", None)
            if isinstance(spent, int):
                out[account] = spent
        return out

    def _unrecorded_operations(self) -> dict[str, int]:
        """Operations spent since the last run of this session was recorded, by account."""
        return {
            account: spent - self._recorded_operations.get(account, 0)
            for account, spent in self._operations_spent().items()
            if spent != self._recorded_operations.get(account, 0)
        }

    def finish_run(self, run_id: int, status: str, summary: Mapping[str, Any]) -> None:
        """Record a run's end, with the API operations it spent (what daily allowances count)."""
        spent = self._unrecorded_operations()
        self._recorded_operations = self._operations_spent()
        self.store.finish_run(run_id, status, {**summary, "operations": spent} if spent else dict(summary))

    def _allowance_notes(self, plan: Plan) -> list[str]:
        """Per account with a daily operation allowance: what applying the plan takes of today's."""
        notes = []
        now = self.store.now()
        for account in plan.accounts:
            connector = self._connectors.get(account)
            limit = connector.limits.daily_operations if connector is not None else None
            if limit is None:
                continue
            platform = self.settings.accounts[account].platform
            changes = [c for c in plan.changes if c.address.account == account]
            apply_operations = quota.write_operations(changes)
            if apply_operations == 0:
                continue
            # An apply plans again first: one query per kind (Google's ad groups' bid modifiers one of them),
            # one of the labels, and Google's asset group links.
            reads = len(KIND_ORDER[platform]) + (2 if platform == GOOGLE else 1)
            spent = self.store.operations_spent_since(account, quota.day_start(platform, now))
            spent += self._unrecorded_operations().get(account, 0)  # this run's so far
            notes.append(
                quota.allowance_note(
                    account, apply_operations=apply_operations + reads, spent_today=spent, daily_limit=limit
                )
            )
        return notes

    def change_gate(self, accounts: Sequence[str]) -> ChangeGate:
        """What the platforms' limits on change frequency hold back now, from the journal."""
        history: dict[Address, list[dt.datetime]] = {}
        for account in accounts:
            platform = self.settings.accounts[account].platform
            fields = limited_fields(platform)
            if fields:
                history.update(self.store.recent_updates(account, longest_window(platform), fields))
        return ChangeGate(history, self.store.now())

    def validate_remote(self, plan: Plan) -> tuple[list[Rejection], list[str]]:
        """Have the platforms check the plan's writes, changing nothing (see ``remote_validation``)."""
        return validate_remote(
            plan,
            {a: self.connector(a) for a in plan.accounts},
            limiters={a: self.limiter(a) for a in plan.accounts},
            backoff=self._backoff,
            sleep=self._sleep,
        )

    def _holds(self, accounts: Sequence[str]) -> Callable[[Address, Iterable[str]], str | None]:
        gate = self.change_gate(accounts)

        def hold(address: Address, changed: Iterable[str]) -> str | None:
            found = gate.hold(address, changed)
            return str(found) if found else None

        return hold

    def currencies(self) -> dict[str, str]:
        return {name: account.currency for name, account in self.settings.accounts.items()}

    def _guardrails(self) -> dict[str, Any]:
        return dict(self._guardrail_specs)

    # -- apply ----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, accounts: Sequence[str]) -> Iterator[None]:
        """Hold the write lock of every account (sorted, so two applies never deadlock)."""
        with contextlib.ExitStack() as stack:
            for account in sorted(accounts):
                stack.enter_context(self.store.lock(account, self.actor))
            yield

    def check_fresh(self, plan: Plan) -> None:
        """Refuse a saved plan whose live state has moved since it was made (invariant 5)."""
        with_audiences = {
            c.address.account for c in plan.changes if audience_lifecycle.is_audience(c.address)
        }
        live = self.read_live(plan.accounts, audiences=with_audiences)
        moved = [a for a in plan.accounts if fingerprint(live[a]) != plan.fingerprints.get(a)]
        if moved:
            raise PlanError(
                f"the plan is stale: live state of {', '.join(moved)} changed since it was made; "
                "run `midas plan` again"
            )

    def apply(
        self,
        outcome: PlanOutcome,
        *,
        overrides: Sequence[str] = (),
        on_event: Callable[[ApplyEvent], None] | None = None,
    ) -> ApplyResult:
        """Apply a plan (the caller holds the lock). Raises PolicyViolation if anything blocks it."""
        blocking = outcome.blocking(overrides)
        if blocking:
            raise PolicyViolation(blocking)
        plan = outcome.plan
        run_id = self.store.start_run("apply", plan.accounts, self.actor)
        try:
            result = apply(
                plan,
                {a: self.connector(a) for a in plan.accounts},
                self.store,
                run_id=run_id,
                limiters={a: self.limiter(a) for a in plan.accounts},
                backoff=self._backoff,
                sleep=self._sleep,
                on_event=on_event,
                hold=self._holds(plan.accounts),
            )
            result = audience_lifecycle.upload_planned(
                plan, result, self._uploads_for(plan), self.store, self.connector, run_id
            )
        except BaseException:
            self.finish_run(run_id, "failed", {})
            raise
        summary = {
            "counts": result.counts(),
            "failures": [str(f.address) for f in result.failures],
        }
        self.finish_run(run_id, "ok" if result.ok else "failed", summary)
        # Unified audiences follow the specs like everything else an apply records (rows only, no CSV read).
        from midas_reconcile.audiences.manager import sync_unified_audiences  # lazy: numpy, datasketches

        sync_unified_audiences(self.store, self._audience_docs)
        # The audit row says who applied what, in summary; every write is in the run's journal.
        self.store.audit("apply", self.actor, {"run_id": run_id, "accounts": plan.accounts, **summary})
        return result

    def _uploads_for(self, plan: Plan) -> dict[Address, AudienceUpload]:
        """The members of the plan's audiences: compiled with the plan, or read now (a saved plan)."""
        wanted = {c.address for c in plan.changes if audience_lifecycle.is_audience(c.address)}
        if wanted <= set(self._audience_uploads):
            return self._audience_uploads
        return compile_audiences(self.workspace, plan.accounts).uploads

    def limiter(self, account: str) -> TokenBucket:
        """The account's token bucket (one per account for reads and writes alike): the connector's
        own limits, unless midas.yaml sets the platform's rate."""
        if account not in self._limiters:
            limits = self.connector(account).limits
            configured = self.settings.rate_limits.get(self.settings.accounts[account].platform)
            if configured is not None:
                limits = dataclasses.replace(
                    limits,
                    calls_per_second=configured.calls_per_second or limits.calls_per_second,
                    burst=configured.burst or limits.burst,
                )
            bucket = TokenBucket.from_limits(limits, sleep=self._sleep)
            connector = self.connector(account)
            if isinstance(connector, ReportsUsage):
                connector.add_usage_listener(bucket.observe_usage)
            self._limiters[account] = bucket
        return self._limiters[account]

    # -- performance ----------------------------------------------------------------------------
    @property
    def performance(self) -> Performance:
        """Metrics sync, reports, alerts and their webhooks for this workspace (``performance``)."""
        if self._performance is None:
            self._performance = Performance(self, sleep=self._sleep)
        return self._performance

    # -- drift ----------------------------------------------------------------------------------
    def drift(self, accounts: Sequence[str] | None = None) -> DriftReport:
        with gc_paused():
            return self._drift(self.accounts(accounts))

    def _drift(self, names: list[str]) -> DriftReport:
        run_id = self.store.start_run("drift", names, self.actor)
        recorded = self.store.recorded(names)
        # And where what MIDAS applied targets audiences: an audience built outside MIDAS that was renamed
        # or deleted in a console is told from them (no extra call: the read names targeted ids from them).
        targeting = {a.account for a, r in recorded.items() if any(map(is_audience_ref, r.refs))}
        live_by_account = self.read_live(names, audiences=self.store.audience_accounts(names) | targeting)
        desired = self.desired(names)
        # Unrecorded ads named as the plan names them, and the plan of this state (made only when something
        # was added in a console: what it does with such an object is what drift says of it).
        live = named_by_content((r for account in names for r in live_by_account[account]), desired, recorded)
        # What an interrupted apply was creating is MIDAS's, for drift as for the plan (the journal's claims).
        claimed, made = self._claimed(names, recorded, live)

        def planned() -> Plan:
            return planner.plan(
                desired,
                live,
                recorded,
                claimed=claimed,
                deletes_not_done=self.store.deletes_not_done(names),
                accounts=names,
                existing=set(self._existing_audiences),
            )

        report = drift_report.drift(recorded, live, desired, planned, claimed=claimed, made=made)
        report.places = self.place_entries(_drift_place_ids(report))
        self.finish_run(run_id, "drift" if report.has_drift else "ok", {"items": len(report.items)})
        return report


def _plan_place_ids(plan: Plan) -> dict[str, set[str]]:
    """account → the ids of the places the plan's changes name, before and after."""
    return _place_ids_of(
        (change.address, side.fields, "")
        for change in plan.changes
        for side in (change.before, change.after)
        if side is not None
    )


def _drift_place_ids(report: DriftReport) -> dict[str, set[str]]:
    """account → the ids of the places the drift findings' fields name, as recorded and as live."""
    return _place_ids_of(
        (item.address, value, path)
        for item in report.items
        for value, path in [
            (None, ""),  # the address's own place
            *((v, f.path) for f in item.fields for v in (f.recorded, f.live)),
        ]
    )


def _place_ids_of(found: Iterable[tuple[Address, Any, str]]) -> dict[str, set[str]]:
    """account → the ids of the places named by each (address, field value, field path: "" for all the
    fields): the value's (``place_ids``), and the address's own, a location criterion's, which plans and
    drift name beside it."""
    out: dict[str, set[str]] = {}
    for address, value, path in found:
        ids = out.setdefault(address.account, set())
        if (own := place_id_in_address(address.platform, address.kind, address.path)) is not None:
            ids.add(own)
        ids.update(place_ids(address.platform, address.kind, value, path))
    return out


class _CachedResolver:
    """Resolves names for one account, remembering answers in memory and in the store."""

    def __init__(self, session: Session, account: str) -> None:
        self.session = session
        self.account = account
        self.platform = session.settings.accounts[account].platform
        self.memory: dict[tuple[str, str], str | None] = {}
        #: (kind, lower-cased name) → the name as first asked (the specs' spelling of it).
        self.spelled: dict[tuple[str, str], str] = {}
        self.near: dict[tuple[str, str], list[str]] = {}

    def __call__(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        for name in names:
            self.spelled.setdefault((kind, name.lower()), name)
        missing = [n for n in names if (kind, n.lower()) not in self.memory]
        if missing:
            store = self.session.store
            cached = store.cached_ids(self.platform, self.account, kind, missing)
            for name, platform_id in cached.items():
                self.memory[(kind, name.lower())] = platform_id
            to_ask = [n for n in missing if (kind, n.lower()) not in self.memory]
            if to_ask:
                connector = self.session.connector(self.account)
                found = self.session.call(
                    self.account,
                    lambda: connector.resolve(kind, to_ask),  # type: ignore[arg-type]
                )
                if found:
                    store.cache_ids(self.platform, self.account, kind, found)
                lowered = {k.lower(): v for k, v in found.items()}
                for name in to_ask:
                    self.memory[(kind, name.lower())] = lowered.get(name.lower())
        result: dict[str, str] = {}
        for name in names:
            known = self.memory.get((kind, name.lower()))
            if known is not None:
                result[name] = known
        return result

    def entries(self) -> dict[str, str]:
        """Location id → the entry the specs resolved to it, as they spell it (``canonical_location``)."""
        return {
            last_segment(platform_id): canonical_location(self.spelled.get((kind, lowered), lowered))
            for (kind, lowered), platform_id in sorted(self.memory.items())
            if kind == "location" and platform_id is not None
        }

    def near_names(self, kind: str, name: str) -> list[str]:
        """Names the platform knows near ``name``, which it does not ([] when the connector cannot list
        them, or the platform cannot be asked: a did-you-mean must never hide the error it adds to)."""
        connector = self.session.connector(self.account)
        if not isinstance(connector, KnowsNearNames):
            return []
        if (kind, name) not in self.near:
            try:
                found = self.session.call(self.account, lambda: connector.near_names(kind, name))  # type: ignore[arg-type]
            except ConnectorError:
                found = []
            self.near[(kind, name)] = found
        return self.near[(kind, name)]


def _taken_as_live(
    desired: Sequence[Resource], live: Sequence[Resource], as_live: Mapping[Address, Collection[str]]
) -> list[Resource]:
    """``desired`` with the fields ``as_live`` names of each resource as they are on the live object at its
    address (absent where it has none, or where no live object is there): new resources, never changed in
    place (``Resource``: they may share their dicts). A name ``field.key`` takes one key of a mapping field
    (``media_options.images``: a creative's further images, its videos left as desired). Further images so
    taken that are not of the desired story image's kind (``mixed_images``: a feed the apply refuses) are
    dropped, the creative sent with none, but where live runs that very mix beside the same story image and
    nothing else of the creative differs (no replacement is planned, which would carry the mix)."""
    by_address = {r.address: r for r in live}
    out = []
    for resource in desired:
        if (names := as_live.get(resource.address)) is not None:
            now = by_address.get(resource.address)
            fields = dict(resource.fields)
            for name in names:
                top, _, key = name.partition(".")
                there = now.fields.get(top) if now is not None else None
                if not key:
                    fields.pop(top, None)
                    if now is not None and top in now.fields:
                        fields[top] = there
                    continue
                inner = {k: v for k, v in (fields.get(top) or {}).items() if k != key}
                if isinstance(there, Mapping) and there.get(key) is not None:
                    inner[key] = there[key]
                fields.pop(top, None)
                if inner:
                    fields[top] = inner
            # Live's own mixed feed beside the same story image is left as it runs (no change planned for it),
            # but only where nothing else differs: else the creative is remade (immutable), the mix with it.
            story = story_first("images", fields)
            as_it_runs = (
                now is not None
                and mixed_images(now.fields)
                and story_first("images", now.fields) == story
                and not _remade_for_more_than_media_options(now, dataclasses.replace(resource, fields=fields))
            )
            if mixed_images(fields) and not as_it_runs:
                fields[MEDIA_OPTIONS] = {k: v for k, v in fields[MEDIA_OPTIONS].items() if k != "images"}
                if not fields[MEDIA_OPTIONS]:
                    del fields[MEDIA_OPTIONS]
            resource = dataclasses.replace(resource, fields=fields)
        out.append(resource)
    return out


def _remade_for_more_than_media_options(live: Resource, desired: Resource) -> bool:
    """Whether ``desired`` differs from ``live`` in an immutable field other than media options (as the
    planner compares): what remakes the creative. A field updated in place (``adlabels``) remakes nothing."""
    return any(
        change.path != MEDIA_OPTIONS and not change.path.startswith(MEDIA_OPTIONS + ".")
        for change in immutable_changes(diff(live, desired), live.address)
    )
