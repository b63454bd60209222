"""Workspace → desired native resources, per platform and account.

Everything platform-specific about *meaning* happens here: the unified objective becomes a Google channel
and bidding strategy and a Meta ``OUTCOME_*`` objective; unified targeting goes through the
``TargetingMapper``; budgets are split per platform, resolved from budget policies, and converted from
``Decimal`` currency units to platform units with explicit, reported rounding.

Objective mapping (Google campaigns are Search campaigns running responsive search ads):

=============  ==================  ==========================  =====================  ==================
unified        Google channel      Google bidding (default)    Meta objective         Meta optimisation
=============  ==================  ==========================  =====================  ==================
awareness      SEARCH              TARGET_IMPRESSION_SHARE     OUTCOME_AWARENESS      REACH
traffic        SEARCH              TARGET_SPEND (max clicks)   OUTCOME_TRAFFIC        LINK_CLICKS
engagement     SEARCH              TARGET_SPEND (max clicks)   OUTCOME_ENGAGEMENT     POST_ENGAGEMENT
leads          SEARCH              MAXIMIZE_CONVERSIONS        OUTCOME_LEADS          OFFSITE_CONVERSIONS
sales          SEARCH              MAXIMIZE_CONVERSION_VALUE   OUTCOME_SALES          OFFSITE_CONVERSIONS
app_promotion  MULTI_CHANNEL       MAXIMIZE_CONVERSIONS        OUTCOME_APP_PROMOTION  APP_INSTALLS
=============  ==================  ==========================  =====================  ==================

Meta ads bill per impression (``billing_event: IMPRESSIONS``) unless the spec says otherwise; the budget
sits on the Meta campaign (Advantage campaign budget), never on both campaign and ad set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from midas_reconcile import money
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.resources import GOOGLE, MANAGED_MARKER, META, Address, Resource
from midas_reconcile.spec import (
    AdGroup,
    BiddingStrategy,
    CampaignSpec,
    Creative,
    Keyword,
    Objective,
    Targeting,
    locate,
)
from midas_reconcile.targeting import GoogleTargeting, Resolver, TargetingMapper

IMPLICIT_AD_GROUP = "default"

_GOOGLE_OBJECTIVES: dict[Objective, tuple[str, str]] = {
    Objective.AWARENESS: ("SEARCH", "TARGET_IMPRESSION_SHARE"),
    Objective.TRAFFIC: ("SEARCH", "TARGET_SPEND"),
    Objective.ENGAGEMENT: ("SEARCH", "TARGET_SPEND"),
    Objective.LEADS: ("SEARCH", "MAXIMIZE_CONVERSIONS"),
    Objective.SALES: ("SEARCH", "MAXIMIZE_CONVERSION_VALUE"),
    Objective.APP_PROMOTION: ("MULTI_CHANNEL", "MAXIMIZE_CONVERSIONS"),
}
_GOOGLE_BIDDING: dict[BiddingStrategy, str] = {
    BiddingStrategy.MAXIMIZE_CONVERSIONS: "MAXIMIZE_CONVERSIONS",
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE: "MAXIMIZE_CONVERSION_VALUE",
    BiddingStrategy.TARGET_CPA: "TARGET_CPA",
    BiddingStrategy.TARGET_ROAS: "TARGET_ROAS",
    BiddingStrategy.MAXIMIZE_CLICKS: "TARGET_SPEND",
    BiddingStrategy.MANUAL_CPC: "MANUAL_CPC",
}
_META_OBJECTIVES: dict[Objective, tuple[str, str]] = {
    Objective.AWARENESS: ("OUTCOME_AWARENESS", "REACH"),
    Objective.TRAFFIC: ("OUTCOME_TRAFFIC", "LINK_CLICKS"),
    Objective.ENGAGEMENT: ("OUTCOME_ENGAGEMENT", "POST_ENGAGEMENT"),
    Objective.LEADS: ("OUTCOME_LEADS", "OFFSITE_CONVERSIONS"),
    Objective.SALES: ("OUTCOME_SALES", "OFFSITE_CONVERSIONS"),
    Objective.APP_PROMOTION: ("OUTCOME_APP_PROMOTION", "APP_INSTALLS"),
}
_GOOGLE_STATUS = {"active": "ENABLED", "paused": "PAUSED"}
_META_STATUS = {"active": "ACTIVE", "paused": "PAUSED"}


@dataclass(frozen=True)
class PlatformBudget:
    """One platform's share of a campaign budget, in currency units and platform units."""

    period: str  # "daily" | "lifetime"
    amount: Decimal
    units: int
    note: str = ""


@dataclass
class CompiledWorkspace:
    """Desired resources for every account compiled, in deterministic order, and compile warnings."""

    resources: list[Resource]
    warnings: list[str] = field(default_factory=list)


ResolverFactory = Callable[[str], Resolver | None]
FieldPath = tuple[str | int, ...]


def compile_workspace(
    workspace: Any,
    *,
    resolver_for: ResolverFactory | None = None,
    accounts: Sequence[str] | None = None,
    budget_overrides: Mapping[str, Decimal] | None = None,
) -> CompiledWorkspace:
    """Compile every campaign of ``workspace`` (a ``spec.Workspace``) into native resources.

    ``resolver_for(account)`` gives the name→id resolver of an account (None: names cannot be resolved,
    so interests and regions are reported as unresolved). ``accounts`` limits the output to those
    accounts. ``budget_overrides`` maps campaign name → daily total decided elsewhere (the optimiser).
    Raises ``SpecError`` listing every reference that cannot be resolved.
    """
    compiler = _Compiler(workspace, resolver_for or (lambda _account: None), budget_overrides or {})
    wanted = set(accounts) if accounts is not None else None
    for name in sorted(workspace.campaigns):
        compiler.campaign(workspace.campaigns[name], wanted)
    if compiler.problems:
        compiler.raise_problems()
    resources = sorted(compiler.resources, key=lambda r: r.address.sort_key())
    return CompiledWorkspace(resources=resources, warnings=sorted(set(compiler.warnings)))


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
        self.problems: list[tuple[Any, FieldPath, str]] = []
        self._policy_members = _policy_members(workspace)

    # -- campaign -------------------------------------------------------------------------------
    def campaign(self, doc: Any, wanted: set[str] | None) -> None:
        spec: CampaignSpec = doc.spec
        name: str = doc.metadata.name
        targets = {GOOGLE: spec.platforms.google, META: spec.platforms.meta}
        platforms = [p for p in (GOOGLE, META) if targets[p] is not None]
        budgets = self._budgets(doc, platforms)
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
            if budget is None:  # the budget could not be resolved: already reported as an issue
                continue
            emit = _Emitter(self, doc, platform, account)
            if platform == GOOGLE:
                self._google(emit, spec, name, budget, mapper)
            else:
                self._meta(emit, spec, name, budget, mapper)

    # -- budgets --------------------------------------------------------------------------------
    def _budgets(self, doc: Any, platforms: list[str]) -> dict[str, PlatformBudget]:
        spec: CampaignSpec = doc.spec
        budget = spec.budget
        name = doc.metadata.name
        currency = budget.currency
        if budget.policy is not None:
            period, total = "daily", self._policy_amount(doc, budget.policy)
            if total is None:
                return {}
        elif budget.daily is not None:
            period, total = "daily", budget.daily
        else:
            assert budget.lifetime is not None
            period, total = "lifetime", budget.lifetime
        total = self.budget_overrides.get(name, total)
        exact = _split(total, platforms, budget.split)
        result: dict[str, PlatformBudget] = {}
        for platform, amount in exact.items():
            account = getattr(spec.platforms, platform).account
            acct_currency = self._account_currency(account) or currency
            if platform == GOOGLE:
                units = money.to_google_micros(amount)
                rounded = money.from_google_micros(units)
            else:
                units = money.to_meta_minor(amount, acct_currency)
                rounded = money.from_meta_minor(units, acct_currency)
            minimum = (
                money.GOOGLE_BUDGET_STEP_MICROS
                if platform == GOOGLE
                else money.meta_minimum_daily_budget(acct_currency)
                if period == "daily"
                else 1
            )
            if units < minimum:
                smallest = (
                    money.from_google_micros(minimum)
                    if platform == GOOGLE
                    else money.from_meta_minor(minimum, acct_currency)
                )
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
            result[platform] = PlatformBudget(period=period, amount=rounded, units=units, note=note)
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

    def problem(self, doc: Any, path: FieldPath, message: str) -> None:
        self.problems.append((doc, path, message))

    def raise_problems(self) -> NoReturn:
        """Raise every problem as one SpecError, each at its field's line and column in the file."""
        unique: dict[tuple[str, int, FieldPath, str], Any] = {}
        for doc, path, message in self.problems:  # an unresolved name may recur in several ad groups
            unique.setdefault((doc.file, doc.line, path, message), doc)
        issues = []
        for (file, _line, path, message), doc in unique.items():
            line, column = locate(self.workspace.root, doc, path)
            issues.append(SpecIssue(file, line, column, _dotted(path), message))
        raise SpecError(issues)

    def _account_currency(self, account: str) -> str | None:
        settings = self.workspace.settings.accounts.get(account)
        return getattr(settings, "currency", None) if settings is not None else None

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
                "stored performance metrics (the optimiser); expected strategy 'equal' for now",
            )
            return None
        members = self._policy_members.get(policy_name, [])
        step = Decimal(10) ** -money.currency_exponent(policy.currency)
        return (policy.total / len(members)).quantize(step, rounding=ROUND_HALF_EVEN)

    # -- Google ---------------------------------------------------------------------------------
    def _google(
        self,
        emit: _Emitter,
        spec: CampaignSpec,
        name: str,
        budget: PlatformBudget,
        mapper: TargetingMapper,
    ) -> None:
        budget_fields: dict[str, Any] = {
            "name": name,
            "delivery_method": "STANDARD",
            "explicitly_shared": False,
        }
        budget_fields["amount_micros" if budget.period == "daily" else "total_amount_micros"] = budget.units
        budget_addr = emit("campaign_budget", name, budget_fields, warnings=_notes(budget.note))
        channel, bidding = _GOOGLE_OBJECTIVES[spec.objective]
        campaign_fields: dict[str, Any] = {
            "name": name,
            "status": _GOOGLE_STATUS[spec.status],
            "advertising_channel_type": channel,
            "bidding_strategy_type": bidding,
            "network_settings": {
                "target_google_search": True,
                "target_search_network": spec.google.networks.search_partners,
                "target_content_network": spec.google.networks.display,
            },
            "labels": [MANAGED_MARKER],
            "contains_eu_political_advertising": False,
        }
        bid = spec.google.bidding
        if bid.strategy is not None:
            campaign_fields["bidding_strategy_type"] = _GOOGLE_BIDDING[bid.strategy]
        if bid.target_cpa is not None:
            campaign_fields["target_cpa_micros"] = money.to_google_micros(bid.target_cpa)
        if bid.target_roas is not None:
            campaign_fields["target_roas"] = f"{bid.target_roas.normalize():f}"
        if spec.schedule.start is not None:
            campaign_fields["start_date"] = spec.schedule.start.isoformat()
        if spec.schedule.end is not None:
            campaign_fields["end_date"] = spec.schedule.end.isoformat()
        campaign_addr = emit("campaign", name, campaign_fields, refs={"campaign_budget": budget_addr})

        campaign_targeting = mapper.to_google(spec.targeting)
        emit.unresolved(campaign_targeting.unresolved, ("spec", "targeting"))
        for criterion in campaign_targeting.criteria:
            if criterion.level == "campaign":
                emit(
                    "campaign_criterion",
                    f"{name}/{criterion.key}",
                    dict(criterion.fields),
                    refs={"campaign": campaign_addr},
                    warnings=campaign_targeting.warnings,
                )
        for keyword in spec.google.negative_keywords:
            key, fields = _keyword(keyword, negative=True)
            emit("campaign_criterion", f"{name}/{key}", fields, refs={"campaign": campaign_addr})

        for group in _ad_groups(spec):
            self._google_ad_group(emit, spec, group, campaign_addr, campaign_targeting, mapper)

    def _google_ad_group(
        self,
        emit: _Emitter,
        spec: CampaignSpec,
        group: AdGroup,
        campaign_addr: Address,
        campaign_targeting: GoogleTargeting,
        mapper: TargetingMapper,
    ) -> None:
        """An ad group with its criteria (ages, genders, interests, keywords) and responsive search ads."""
        name = campaign_addr.path
        group_path = f"{name}/{group.name}"
        group_addr = emit(
            "ad_group",
            group_path,
            {
                "name": group.name,
                "status": _GOOGLE_STATUS[group.status or "active"],
                "type": "SEARCH_STANDARD",
                "labels": [MANAGED_MARKER],
            },
            refs={"campaign": campaign_addr},
        )
        targeting = _merged_targeting(spec.targeting, group.targeting)
        group_warnings = list(_google_group_override_warnings(name, group))
        # An ad group without an override has the campaign's targeting: map it once.
        if targeting is spec.targeting:
            mapped = campaign_targeting
        else:
            mapped = mapper.to_google(targeting)
            emit.unresolved(mapped.unresolved, _group_targeting_path(spec, group))
        for criterion in mapped.criteria:
            if criterion.level == "ad_group":
                emit(
                    "ad_group_criterion",
                    f"{group_path}/{criterion.key}",
                    dict(criterion.fields),
                    refs={"ad_group": group_addr},
                    warnings=[*mapped.warnings, *group_warnings],
                )
        keywords = {(k.text.lower(), k.match): k for k in [*spec.google.keywords, *group.keywords]}
        for _, keyword in sorted(keywords.items(), key=lambda item: (item[0][0], item[0][1].value)):
            key, fields = _keyword(keyword, negative=False)
            emit("ad_group_criterion", f"{group_path}/{key}", fields, refs={"ad_group": group_addr})
        for creative in _group_creatives(spec, group):
            emit(
                "ad_group_ad",
                f"{group_path}/{creative.name}",
                {
                    "name": creative.name,
                    "status": "ENABLED",
                    "type": "RESPONSIVE_SEARCH_AD",
                    "headlines": sorted(creative.headlines),
                    "descriptions": sorted(creative.descriptions),
                    "final_urls": [creative.final_url],
                },
                refs={"ad_group": group_addr},
            )

    # -- Meta -----------------------------------------------------------------------------------
    def _meta(
        self,
        emit: _Emitter,
        spec: CampaignSpec,
        name: str,
        budget: PlatformBudget,
        mapper: TargetingMapper,
    ) -> None:
        objective, optimization_goal = _META_OBJECTIVES[spec.objective]
        campaign_fields: dict[str, Any] = {
            "name": name,
            "objective": objective,
            "status": _META_STATUS[spec.status],
            "special_ad_categories": sorted(spec.meta.special_ad_categories),
            "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
            "buying_type": "AUCTION",
            "adlabels": [MANAGED_MARKER],
        }
        campaign_fields["daily_budget" if budget.period == "daily" else "lifetime_budget"] = budget.units
        campaign_addr = emit("campaign", name, campaign_fields, warnings=_notes(budget.note))
        time_zone = self._time_zone(emit, spec)
        for group in _ad_groups(spec):
            group_path = f"{name}/{group.name}"
            mapped = mapper.to_meta(_merged_targeting(spec.targeting, group.targeting))
            emit.unresolved(mapped.unresolved, _group_targeting_path(spec, group))
            targeting = dict(mapped.spec)
            if spec.meta.placements:
                targeting["publisher_platforms"] = sorted(spec.meta.placements)
            adset_fields: dict[str, Any] = {
                "name": group.name,
                "status": _META_STATUS[group.status or "active"],
                "optimization_goal": spec.meta.optimization_goal or optimization_goal,
                "billing_event": spec.meta.billing_event or "IMPRESSIONS",
                "targeting": targeting,
                "adlabels": [MANAGED_MARKER],
            }
            if spec.schedule.start is not None:
                adset_fields["start_time"] = _meta_time(spec.schedule.start, dt.time(0, 0), time_zone)
            if spec.schedule.end is not None:
                adset_fields["end_time"] = _meta_time(spec.schedule.end, dt.time(23, 59, 59), time_zone)
            adset_addr = emit(
                "adset", group_path, adset_fields, refs={"campaign": campaign_addr}, warnings=mapped.warnings
            )
            for creative in _group_creatives(spec, group):
                creative_path = f"{group_path}/{creative.name}"
                creative_addr = emit(
                    "adcreative", creative_path, _meta_creative(creative, creative_path), refs={}
                )
                emit(
                    "ad",
                    f"{group_path}/{creative.name}",
                    {"name": creative.name, "status": "ACTIVE", "adlabels": [MANAGED_MARKER]},
                    refs={"adset": adset_addr, "creative": creative_addr},
                )

    def _time_zone(self, emit: _Emitter, spec: CampaignSpec) -> ZoneInfo:
        try:
            return ZoneInfo(spec.schedule.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            emit.issue(
                ("spec", "schedule", "time_zone"),
                f"unknown time zone {spec.schedule.time_zone!r}; "
                "expected an IANA name such as 'Europe/Berlin'",
            )
            return ZoneInfo("UTC")


class _Emitter:
    """Creates the resources of one campaign on one platform/account, stamped with their source."""

    def __init__(self, compiler: _Compiler, doc: Any, platform: str, account: str) -> None:
        self.compiler = compiler
        self.doc = doc
        self.platform = platform
        self.account = account
        self.on_remove = doc.spec.lifecycle.on_remove
        self.source = f"{doc.file}:{doc.line}"  # one string shared by every resource of the document

    def __call__(
        self,
        kind: str,
        path: str,
        fields: dict[str, Any],
        *,
        refs: Mapping[str, Address] | None = None,
        warnings: Sequence[str] = (),
    ) -> Address:
        address = Address(self.platform, self.account, kind, path)
        self.compiler.resources.append(
            Resource(
                address=address,
                fields=fields,
                refs=dict(refs or {}),
                warnings=tuple(sorted(set(warnings))),
                source=self.source,
                spec_digest=self.doc.digest,
                on_remove=self.on_remove,
            )
        )
        self.compiler.warnings.extend(warnings)
        return address

    def unresolved(self, names: Sequence[str], targeting_path: FieldPath) -> None:
        """Names no resolver knew (``interest 'Foo'``, ``location 'US-XX'``), at their list in the spec."""
        for name in names:
            kind = name.split(" ", 1)[0]
            self.issue(
                (*targeting_path, _TARGETING_LISTS.get(kind, kind)),
                f"{name} is not known to {self.platform} account {self.account!r}; "
                "expected a name the platform's targeting search finds",
            )

    def issue(self, path: FieldPath, message: str) -> None:
        self.compiler.problem(self.doc, path, message)


#: The targeting list an unresolved name comes from, by the word the mapper starts its name with.
_TARGETING_LISTS: dict[str, str] = {"interest": "interests", "location": "locations", "language": "languages"}


def _group_targeting_path(spec: CampaignSpec, group: AdGroup) -> FieldPath:
    """Where an ad group's targeting is written: its override, or the campaign's (implicit group)."""
    for index, declared in enumerate(spec.ad_groups):
        if declared is group:
            return ("spec", "ad_groups", index, "targeting") if group.targeting else ("spec", "targeting")
    return ("spec", "targeting")


def _dotted(path: FieldPath) -> str:
    """``("spec", "ad_groups", 0, "targeting")`` → ``spec.ad_groups[0].targeting``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _notes(note: str) -> list[str]:
    return [note] if note else []


def _policy_members(workspace: Any) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for name in sorted(workspace.campaigns):
        policy = workspace.campaigns[name].spec.budget.policy
        if policy is not None:
            members.setdefault(policy, []).append(name)
    return members


def _split(total: Decimal, platforms: list[str], split: Any) -> dict[str, Decimal]:
    """Exact per-platform amounts (before rounding to platform units)."""
    if len(platforms) == 1:
        return {platforms[0]: total}
    if split is None:
        return {p: total / len(platforms) for p in platforms}
    if split.by == "amount":
        return {p: getattr(split, p) or Decimal(0) for p in platforms}
    return {p: total * (getattr(split, p) or Decimal(0)) for p in platforms}


def _ad_groups(spec: CampaignSpec) -> list[AdGroup]:
    return list(spec.ad_groups) or [AdGroup(name=IMPLICIT_AD_GROUP)]


def _group_creatives(spec: CampaignSpec, group: AdGroup) -> list[Creative]:
    if group.creatives is None:
        return list(spec.creatives)
    wanted = set(group.creatives)
    return [c for c in spec.creatives if c.name in wanted]


def _merged_targeting(base: Targeting, override: Targeting | None) -> Targeting:
    """The ad group's targeting: the campaign's, with every field the override sets replaced."""
    if override is None:
        return base
    changes = {name: getattr(override, name) for name in override.model_fields_set}
    return base.model_copy(update=changes)


def _google_group_override_warnings(campaign: str, group: AdGroup) -> list[str]:
    if group.targeting is None:
        return []
    campaign_level = sorted({"locations", "languages"} & group.targeting.model_fields_set)
    if group.targeting.exclude.locations:
        campaign_level.append("exclude.locations")
    return [
        f"Google sets {field} per campaign: the override in ad group {campaign}/{group.name} "
        "applies on Meta only"
        for field in campaign_level
    ]


def _keyword(keyword: Keyword, *, negative: bool) -> tuple[str, dict[str, Any]]:
    """Criterion key and fields; keyword text compares case-insensitively, so the key is lower-cased."""
    match = keyword.match.value.upper()
    prefix = "negative_keyword" if negative else "keyword"
    fields: dict[str, Any] = {
        "type": "KEYWORD",
        "keyword_text": keyword.text,
        "keyword_match_type": match,
    }
    if negative:
        fields["negative"] = True
    return f"{prefix}:{match}:{keyword.text.lower()}", fields


def _meta_creative(creative: Creative, path: str) -> dict[str, Any]:
    """A link creative: first headline as title; primary text (or the first description) as body.

    Its name is its path (``campaign/ad set/ad``): a creative whose ad was never created (an apply
    killed in between) can still be found and adopted by its name."""
    body = creative.primary_text or ""
    descriptions = list(creative.descriptions)
    if not body:
        body = descriptions.pop(0)
    fields: dict[str, Any] = {
        "name": path,
        "title": creative.headlines[0],
        "body": body,
        "link_url": creative.final_url,
        "call_to_action_type": creative.call_to_action.value.upper(),
        "adlabels": [MANAGED_MARKER],
    }
    if descriptions:
        fields["description"] = descriptions[0]
    if creative.image_url:
        fields["image_url"] = creative.image_url
    if creative.video_id:
        fields["video_id"] = creative.video_id
    return fields


def _meta_time(day: dt.date, at: dt.time, zone: ZoneInfo) -> str:
    """Meta's ISO-8601 time with the campaign time zone's UTC offset, e.g. 2026-03-01T00:00:00-0500."""
    return dt.datetime.combine(day, at, tzinfo=zone).strftime("%Y-%m-%dT%H:%M:%S%z")
