"""Workspace → desired native resources, per platform and account.

Everything platform-specific about *meaning* happens here: the unified objective becomes a Google channel
and bidding strategy and a Meta ``OUTCOME_*`` objective; unified targeting goes through the
``TargetingMapper``; budgets are split per platform, resolved from budget policies, and converted from
``Decimal`` currency units to platform units with explicit, reported rounding. A Google shared budget
(``SharedBudget``) compiles once, to a campaign budget every campaign naming it refers to; such a
campaign's own budget funds its other platform only (``spec.checks.own_budget_platforms``).

Objective mapping (Google campaigns are Search campaigns running responsive search ads, but for
``app_promotion``: an app campaign, sub type APP_CAMPAIGN, promoting ``spec.app`` with app ads; its bidding
is MAXIMIZE_CONVERSIONS for installs, TARGET_CPA with ``google.bidding.target_cpa`` as the target cost per
install, or another goal's (``google.bidding.app_goal``): ``compile.google.APP_GOALS``):

=============  ===================  ==========================  =====================  ==================
unified        Google channel       Google bidding (default)    Meta objective         Meta optimisation
=============  ===================  ==========================  =====================  ==================
awareness      SEARCH               TARGET_IMPRESSION_SHARE     OUTCOME_AWARENESS      REACH
traffic        SEARCH               TARGET_SPEND (max clicks)   OUTCOME_TRAFFIC        LINK_CLICKS
engagement     SEARCH               TARGET_SPEND (max clicks)   OUTCOME_ENGAGEMENT     POST_ENGAGEMENT
leads          SEARCH               MAXIMIZE_CONVERSIONS        OUTCOME_LEADS          OFFSITE_CONVERSIONS
sales          SEARCH               MAXIMIZE_CONVERSION_VALUE   OUTCOME_SALES          OFFSITE_CONVERSIONS
app_promotion  MULTI_CHANNEL (app)  MAXIMIZE_CONVERSIONS        OUTCOME_APP_PROMOTION  APP_INSTALLS
=============  ===================  ==========================  =====================  ==================

Meta ads bill per impression (``billing_event: IMPRESSIONS``) unless the spec says otherwise; the budget
sits on the Meta campaign (Advantage campaign budget), or on every ad set when the ad groups set their own
(``meta.budget``), never on both campaign and ad set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NoReturn

from midas_reconcile import money
from midas_reconcile.compile._shared import (
    IMPLICIT_AD_GROUP,
    AsWritten,
    Emitter,
    FieldPath,
    PlatformBudget,
    budget_in_units,
    dotted,
    largest_remainder,
    policy_members,
    round_split,
    split_budget,
)
from midas_reconcile.compile.audiences import AudienceUpload, CompiledAudiences, compile_audiences
from midas_reconcile.compile.google import compile_google
from midas_reconcile.compile.meta import compile_meta
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.resources import GOOGLE, META, ROOT_KIND, Address, Resource, shared_budget_path
from midas_reconcile.spec import CampaignSpec, Objective
from midas_reconcile.spec.checks import own_budget_platforms
from midas_reconcile.spec.loader import locate_written
from midas_reconcile.targeting import Resolver, TargetingMapper

__all__ = [
    "IMPLICIT_AD_GROUP",
    "AudienceUpload",
    "CompiledWorkspace",
    "PlatformBudget",
    "campaign_aliases",
    "compile_workspace",
    "platform_name",
]


@dataclass
class CompiledWorkspace:
    """Desired resources for every account compiled, in deterministic order, and compile warnings."""

    resources: list[Resource]
    warnings: list[str] = field(default_factory=list)
    #: The members each audience resource should hold (``compile.audiences``), for the apply to send.
    audience_uploads: dict[Address, AudienceUpload] = field(default_factory=dict)
    #: Where audiences built outside MIDAS must be found live (``compile.audiences``): address → name.
    existing_audiences: dict[Address, str] = field(default_factory=dict)


ResolverFactory = Callable[[str], Resolver | None]


def compile_workspace(
    workspace: Any,
    *,
    resolver_for: ResolverFactory | None = None,
    accounts: Sequence[str] | None = None,
    budget_overrides: Mapping[str, Decimal] | None = None,
    audiences: bool = True,
) -> CompiledWorkspace:
    """Compile every campaign of ``workspace`` (a ``spec.Workspace``) into native resources.

    ``resolver_for(account)`` gives the name→id resolver of an account (None: names cannot be resolved,
    so interests and regions are reported as unresolved). ``accounts`` limits the output to those
    accounts. ``budget_overrides`` maps campaign name → daily total decided elsewhere (the optimiser).
    ``audiences=False`` leaves the audiences out (campaigns only: no customer list is read).
    Raises ``SpecError`` listing every reference that cannot be resolved.
    """
    compiler = _Compiler(workspace, resolver_for or (lambda _account: None), budget_overrides or {})
    wanted = set(accounts) if accounts is not None else None
    for doc, path, message in [*_name_clashes(workspace), *_budget_name_clashes(workspace)]:
        compiler.problem(doc, path, message)
    for name in sorted(workspace.shared_budgets):
        compiler.shared_budget(workspace.shared_budgets[name], wanted)
    for name in sorted(workspace.campaigns):
        compiler.campaign(workspace.campaigns[name], wanted)
    if compiler.problems:
        compiler.raise_problems()
    lists = compile_audiences(workspace, wanted) if audiences else CompiledAudiences()
    resources = sorted([*lists.resources, *compiler.resources], key=lambda r: r.address.sort_key())
    warnings = sorted({*compiler.warnings, *lists.warnings})
    return CompiledWorkspace(
        resources=resources,
        warnings=warnings,
        audience_uploads=lists.uploads,
        existing_audiences=lists.existing,
    )


def platform_name(doc: Any, platform: str) -> str:
    """A campaign's name on ``platform``: its ``google.name`` / ``meta.name``, else the unified name."""
    return getattr(doc.spec, platform).name or doc.metadata.name


def campaign_aliases(workspace: Any) -> dict[tuple[str, str], dict[str, str]]:
    """``(platform, account)`` → {a campaign's name there: its unified name} for the campaigns that go by
    another name on a platform (``google.name`` / ``meta.name``): what a read's addresses are renamed by."""
    aliases: dict[tuple[str, str], dict[str, str]] = {}
    for name, doc in workspace.campaigns.items():
        for platform in (GOOGLE, META):
            target = getattr(doc.spec.platforms, platform)
            native = platform_name(doc, platform)
            if target is not None and native != name:
                aliases.setdefault((platform, target.account), {})[native] = name
    return aliases


def _name_clashes(workspace: Any) -> Iterator[tuple[Any, FieldPath, str]]:
    """Two campaigns that would go by one name in one account (their addresses would be one)."""
    seen: dict[tuple[str, str, str], str] = {}
    for name in sorted(workspace.campaigns):
        doc = workspace.campaigns[name]
        for platform in (GOOGLE, META):
            target = getattr(doc.spec.platforms, platform)
            if target is None:
                continue
            native = platform_name(doc, platform)
            first = seen.setdefault((platform, target.account, native), name)
            if first != name:
                path: FieldPath = ("spec", platform, "name") if native != name else ("metadata", "name")
                yield (
                    doc,
                    path,
                    f"campaign {first!r} already goes by {native!r} in {platform} account "
                    f"{target.account!r}; expected one name per campaign in an account",
                )


def _budget_name_clashes(workspace: Any) -> Iterator[tuple[Any, FieldPath, str]]:
    """A campaign whose own budget would take a shared budget's name in its Google account (Google keeps
    budget names unique in an account)."""
    shared = {(doc.spec.account, name): doc for name, doc in workspace.shared_budgets.items()}
    for name in sorted(workspace.campaigns):
        doc = workspace.campaigns[name]
        target = doc.spec.platforms.google
        if target is None or doc.spec.google.shared_budget:
            continue
        budget_name = doc.spec.google.budget_name or platform_name(doc, GOOGLE)
        taken = shared.get((target.account, budget_name))
        if taken is not None:
            path: FieldPath = ("spec", "google", "budget_name") if doc.spec.google.budget_name else ("spec",)
            yield (
                doc,
                path,
                f"the campaign's budget would be named {budget_name!r}, the name of shared budget "
                f"{budget_name!r} ({taken.source}) in google account {target.account!r}; expected "
                "'google.budget_name' naming it otherwise (budget names are unique in an account)",
            )


def _unsent_by_app_ads(source: str, name: str, spec: CampaignSpec, platforms: list[str]) -> list[str]:
    """What a creative of a Google-only app campaign says that no app ad sends: a final URL (app ads send
    people to the app's store page) or a call to action (Meta's alone)."""
    if spec.objective != Objective.APP_PROMOTION or platforms != [GOOGLE]:
        return []
    return [
        f"{source}: creative {creative.name!r} of app campaign {name!r} runs on Google only, whose app ads "
        f"have no {field}, so its {field} does nothing"
        for creative in spec.creatives
        for field in ("final_url", "call_to_action")
        if field in creative.model_fields_set
    ]


class _Compiler:
    def __init__(
        self, workspace: Any, resolver_for: ResolverFactory, budget_overrides: Mapping[str, Decimal]
    ) -> None:
        self.workspace = workspace
        self.resolver_for = resolver_for
        self.budget_overrides = budget_overrides
        self.resources: list[Resource] = []
        self.warnings: list[str] = []
        #: (document, field path, message): positioned only when they are raised (see ``raise_problems``).
        self.problems: list[tuple[Any, FieldPath, str | AsWritten]] = []
        self._policy_members = policy_members(workspace)

    # -- campaign -------------------------------------------------------------------------------
    def campaign(self, doc: Any, wanted: set[str] | None) -> None:
        spec: CampaignSpec = doc.spec
        name: str = doc.metadata.name
        targets = {GOOGLE: spec.platforms.google, META: spec.platforms.meta}
        platforms = [p for p in (GOOGLE, META) if targets[p] is not None]
        ignored = [  # say, an EU political advertising declaration on a Meta-only campaign
            f"{doc.source}: campaign {name!r} does not run on {platform}, so its {platform}: options "
            f"({', '.join(sorted(options.model_fields_set))}) do nothing"
            for platform, options in ((GOOGLE, spec.google), (META, spec.meta))
            if targets[platform] is None and options.model_fields_set
        ]
        ignored += _unsent_by_app_ads(doc.source, name, spec, platforms)
        self.warnings.extend(ignored)
        first = len(self.resources)
        budgets = self._budgets(doc, own_budget_platforms(spec))
        shared = spec.google.shared_budget
        for platform in platforms:
            target = targets[platform]
            assert target is not None
            account = target.account
            if wanted is not None and account not in wanted:
                continue
            mapper = TargetingMapper(
                google_resolver=self.resolver_for(account) if platform == GOOGLE else None,
                meta_resolver=self.resolver_for(account) if platform == META else None,
            )
            budget = budgets.get(platform)
            on_shared = platform == GOOGLE and shared is not None
            if budget is None and not on_shared:  # the budget could not be resolved: already reported
                continue
            emit = Emitter(self, doc, platform, account)
            if platform == GOOGLE:
                funded: PlatformBudget | Address
                if on_shared:
                    assert shared is not None
                    funded = Address(GOOGLE, account, "campaign_budget", shared_budget_path(shared))
                else:
                    assert budget is not None
                    funded = budget
                compile_google(emit, spec, name, funded, mapper)
            else:
                assert budget is not None
                compile_meta(
                    emit,
                    spec,
                    name,
                    budget,
                    mapper,
                    page_id=self._account_setting(account, "page_id"),
                    instagram_user_id=self._account_setting(account, "instagram_user_id"),
                    pixel_id=self._account_setting(account, "pixel_id"),
                )
        for resource in self.resources[first:] if ignored else ():  # so that plans show them too
            if resource.address.kind == ROOT_KIND:
                resource.warnings = tuple(sorted({*resource.warnings, *ignored}))

    # -- shared budgets -------------------------------------------------------------------------
    def shared_budget(self, doc: Any, wanted: set[str] | None) -> None:
        """A Google shared budget: one ``campaign_budget`` (``explicitly_shared``) its campaigns refer to."""
        spec = doc.spec
        if wanted is not None and spec.account not in wanted:
            return
        assert spec.daily is not None  # the loader refuses a SharedBudget without it
        units, rounded, smallest = budget_in_units(GOOGLE, spec.daily, spec.currency, "daily")
        warnings = []
        if rounded != spec.daily:
            warnings.append(
                f"daily budget {spec.daily.normalize():f} {spec.currency} of shared budget "
                f"{doc.metadata.name!r} rounded to {rounded:f} {spec.currency} (the platform's smallest unit)"
            )
        campaigns = self.workspace.campaigns.values()
        if not any(c.spec.google.shared_budget == doc.metadata.name for c in campaigns):
            warnings.append(
                f"shared budget {doc.metadata.name!r} ({doc.source}) funds no campaign of the specs; it is "
                "planned all the same"
            )
        if rounded < smallest:
            self.problem(
                doc,
                ("spec", "daily"),
                f"the daily budget is {spec.daily.normalize():f} {spec.currency}; expected at least "
                f"{smallest:f} {spec.currency} (google's minimum)",
            )
        fields = {
            "name": doc.metadata.name,
            "amount_micros": units,
            "delivery_method": "STANDARD",
            "explicitly_shared": True,
        }
        address = Address(GOOGLE, spec.account, "campaign_budget", shared_budget_path(doc.metadata.name))
        self.resources.append(
            Resource(address, fields, warnings=tuple(warnings), source=doc.source, spec_digest=doc.digest)
        )
        self.warnings.extend(warnings)

    # -- budgets --------------------------------------------------------------------------------
    def _budgets(self, doc: Any, platforms: list[str]) -> dict[str, PlatformBudget]:
        """The campaign's own budget on each of ``platforms`` (those it funds: ``own_budget_platforms``)."""
        if not platforms:  # a Google-only campaign on a shared budget
            return {}
        spec: CampaignSpec = doc.spec
        budget = spec.budget
        name = doc.metadata.name
        currency = budget.currency
        if budget.policy is not None:
            # A budget the optimiser decided (performance_based / conservative policies) wins.
            decided = self.budget_overrides.get(name)
            period, total = (
                "daily",
                decided if decided is not None else self._policy_amount(doc, budget.policy),
            )
            if total is None:
                return {}
        elif budget.daily is not None:
            period, total = "daily", budget.daily
        else:
            assert budget.lifetime is not None
            period, total = "lifetime", budget.lifetime
        total = self.budget_overrides.get(name, total)
        exact = split_budget(total, platforms, budget.split)
        currencies = {
            p: self._account_currency(getattr(spec.platforms, p).account) or currency for p in platforms
        }
        sent = round_split(exact, currencies)
        result: dict[str, PlatformBudget] = {}
        for platform, amount in exact.items():
            acct_currency = currencies[platform]
            units, rounded, smallest = budget_in_units(platform, sent[platform], acct_currency, period)
            if rounded < smallest:
                self.problem(
                    doc,
                    ("spec", "budget"),
                    f"the {platform} share of the {period} budget is {amount.normalize():f} {currency}; "
                    f"expected at least {smallest:f} {currency} ({platform}'s minimum)",
                )
            note = ""
            if rounded != amount:
                note = (
                    f"{period} budget {amount.normalize():f} {currency} on {platform} rounded to "
                    f"{rounded:f} {currency} (the platform's smallest unit)"
                )
            result[platform] = PlatformBudget(
                period=period, amount=rounded, units=units, note=note, currency=acct_currency
            )
        for platform in platforms:
            account = getattr(spec.platforms, platform).account
            billing_currency = self._account_currency(account)
            if billing_currency and billing_currency != currency:
                self.problem(
                    doc,
                    ("spec", "budget", "currency"),
                    f"budget is in {currency} but account {account!r} bills in {billing_currency}; "
                    f"expected the account currency {billing_currency}",
                )
        return result

    def problem(self, doc: Any, path: FieldPath, message: str | AsWritten) -> None:
        self.problems.append((doc, path, message))

    def raise_problems(self) -> NoReturn:
        """Raise every problem as one SpecError, each at its field's line and column in the file."""
        unique: dict[tuple[str, int, FieldPath, str | AsWritten], Any] = {}
        for doc, path, message in self.problems:  # an unresolved name may recur in several ad groups
            unique.setdefault((doc.file, doc.line, path, message), doc)
        issues = []
        for (file, _line, path, message), doc in unique.items():
            (line, column), written = locate_written(self.workspace.root, doc, path)
            text = message.render(written) if isinstance(message, AsWritten) else message
            issues.append(SpecIssue(file, line, column, dotted(path), text))
        raise SpecError(issues)

    def _account_setting(self, account: str, key: str) -> str | None:
        """``key`` of ``account`` in midas.yaml (None if unset or the account is unknown)."""
        settings = self.workspace.settings.accounts.get(account)
        return getattr(settings, key, None) if settings is not None else None

    def _account_currency(self, account: str) -> str | None:
        return self._account_setting(account, "currency")

    def _policy_amount(self, doc: Any, policy_name: str) -> Decimal | None:
        policy_doc = self.workspace.budget_policies.get(policy_name)
        if policy_doc is None:  # the loader reports unknown policies; keep going for other errors
            return None
        policy = policy_doc.spec
        if policy.strategy != "equal":
            self.problem(
                doc,
                ("spec", "budget", "policy"),
                f"budget policy {policy_name!r} uses strategy {policy.strategy!r}, which needs "
                "stored performance metrics: its budgets are computed when planning through a session "
                "(midas plan); compiling alone supports strategy 'equal'",
            )
            return None
        # Shares rounded one by one would overspend the pool or leave some of it (30.03 / 2: 15.02 each).
        members = self._policy_members.get(policy_name, [])
        step = Decimal(10) ** -money.currency_exponent(policy.currency)
        shares = largest_remainder({m: policy.total / len(members) for m in members}, step)
        return shares[doc.metadata.name]
