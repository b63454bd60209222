"""Pydantic models of the YAML kinds (apiVersion ``midas/v1``) and the workspace loader.

Kinds: Campaign (specs/), BudgetPolicy, Guardrail, AlertRule (policies/), Audience (reserved).
Money is ``Decimal`` in currency units everywhere in specs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """Unknown keys are errors; values are validated strictly enough to catch typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Metadata(StrictModel):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$")
    labels: dict[str, str] = Field(default_factory=dict)


class Objective(StrEnum):
    AWARENESS = "awareness"
    TRAFFIC = "traffic"
    ENGAGEMENT = "engagement"
    LEADS = "leads"
    SALES = "sales"
    APP_PROMOTION = "app_promotion"


class PlatformTarget(StrictModel):
    """Runs the campaign on one platform, in one account named in midas.yaml."""

    account: str


class Platforms(StrictModel):
    google: PlatformTarget | None = None
    meta: PlatformTarget | None = None


class BudgetSplit(StrictModel):
    """Per-platform split: shares (summing to 1) or fixed amounts (summing to the budget)."""

    by: Literal["share", "amount"] = "share"
    google: Decimal | None = None
    meta: Decimal | None = None


class Budget(StrictModel):
    """Exactly one of ``daily``, ``lifetime`` or ``policy``."""

    daily: Decimal | None = None
    lifetime: Decimal | None = None
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    split: BudgetSplit | None = None
    policy: str | None = None


class Schedule(StrictModel):
    start: dt.date | None = None
    end: dt.date | None = None
    time_zone: str = "UTC"


class AgeRange(StrictModel):
    """Inclusive ages; ``max: null`` means 65 and over."""

    min: int = 18
    max: int | None = None


Gender = Literal["male", "female"]


class Exclusions(StrictModel):
    locations: list[str] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)


class Targeting(StrictModel):
    """Platform-neutral targeting.

    ``locations``: ISO 3166-1 alpha-2 countries (``US``) or ISO 3166-2 regions (``US-CA``);
    ``languages``: ISO 639-1 codes (``en``); ``interests``: names resolved per platform;
    empty ``genders`` means all.
    """

    ages: AgeRange = Field(default_factory=AgeRange)
    genders: list[Gender] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)
    exclude: Exclusions = Field(default_factory=Exclusions)


class MatchType(StrEnum):
    EXACT = "exact"
    PHRASE = "phrase"
    BROAD = "broad"


class Keyword(StrictModel):
    text: str
    match: MatchType = MatchType.BROAD


class CallToAction(StrEnum):
    LEARN_MORE = "learn_more"
    SHOP_NOW = "shop_now"
    SIGN_UP = "sign_up"
    DOWNLOAD = "download"
    CONTACT_US = "contact_us"
    SUBSCRIBE = "subscribe"
    GET_OFFER = "get_offer"
    BOOK_NOW = "book_now"


class Creative(StrictModel):
    """One ad. Google gets a responsive search ad; Meta an ad with a link creative."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$")
    type: Literal["text", "image", "video"] = "text"
    headlines: list[str]
    descriptions: list[str]
    primary_text: str | None = None
    final_url: str
    call_to_action: CallToAction = CallToAction.LEARN_MORE
    image_url: str | None = None
    video_id: str | None = None


class AdGroup(StrictModel):
    """An ad group (Google) / ad set (Meta). ``targeting`` overrides the campaign's, field by field;
    ``creatives`` names the campaign creatives it runs (default: all)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$")
    status: Literal["active", "paused"] | None = None
    targeting: Targeting | None = None
    creatives: list[str] | None = None
    keywords: list[Keyword] = Field(default_factory=list)


class BiddingStrategy(StrEnum):
    MAXIMIZE_CONVERSIONS = "maximize_conversions"
    MAXIMIZE_CONVERSION_VALUE = "maximize_conversion_value"
    TARGET_CPA = "target_cpa"
    TARGET_ROAS = "target_roas"
    MAXIMIZE_CLICKS = "maximize_clicks"
    MANUAL_CPC = "manual_cpc"


class GoogleBidding(StrictModel):
    strategy: BiddingStrategy | None = None
    target_cpa: Decimal | None = None
    target_roas: Decimal | None = None


class GoogleNetworks(StrictModel):
    search: bool = True
    search_partners: bool = False
    display: bool = False


class GoogleOptions(StrictModel):
    bidding: GoogleBidding = Field(default_factory=GoogleBidding)
    networks: GoogleNetworks = Field(default_factory=GoogleNetworks)
    keywords: list[Keyword] = Field(default_factory=list)
    negative_keywords: list[Keyword] = Field(default_factory=list)


class MetaOptions(StrictModel):
    optimization_goal: str | None = None
    billing_event: str | None = None
    placements: list[str] = Field(default_factory=list)
    special_ad_categories: list[str] = Field(default_factory=list)


class Lifecycle(StrictModel):
    on_remove: Literal["pause", "delete"] = "pause"


class CampaignSpec(StrictModel):
    platforms: Platforms
    objective: Objective
    status: Literal["active", "paused"] = "active"
    budget: Budget
    schedule: Schedule = Field(default_factory=Schedule)
    targeting: Targeting = Field(default_factory=Targeting)
    ad_groups: list[AdGroup] = Field(default_factory=list)
    creatives: list[Creative] = Field(default_factory=list)
    google: GoogleOptions = Field(default_factory=GoogleOptions)
    meta: MetaOptions = Field(default_factory=MetaOptions)
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)


class Scope(StrictModel):
    """Which campaigns a policy or rule covers: names, a label selector, platforms (all if empty)."""

    campaigns: list[str] = Field(default_factory=list)
    labels: dict[str, str] = Field(default_factory=dict)
    platforms: list[Literal["google", "meta"]] = Field(default_factory=list)


class BudgetPolicySpec(StrictModel):
    """Daily ``total`` shared by the campaigns in scope (``budget: {policy: NAME}``)."""

    total: Decimal
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    scope: Scope = Field(default_factory=Scope)
    strategy: Literal["performance_based", "equal", "conservative"] = "equal"
    goal: Literal["max_conversions", "max_value", "target_cpa", "target_roas"] = "max_conversions"
    target: Decimal | None = None
    min_per_campaign: Decimal | None = None
    max_per_campaign: Decimal | None = None
    max_change_pct: Decimal = Decimal(20)
    lookback_days: int = 30


class GuardrailSpec(StrictModel):
    """Limits every plan must respect; violations block apply unless overridden by flag."""

    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    max_daily_budget_per_campaign: Decimal | None = None
    max_daily_budget_per_account: Decimal | None = None
    max_budget_change_pct: Decimal | None = None
    forbid_deletes: bool = False
    allowed_countries: list[str] = Field(default_factory=list)


class AlertRuleSpec(StrictModel):
    metric: Literal[
        "ctr", "cpc", "cpm", "cvr", "cpa", "roas", "spend", "budget_utilization", "performance_drop"
    ]
    operator: Literal["<", "<=", ">", ">="]
    threshold: Decimal
    window_days: int = Field(default=3, ge=1, le=90)
    scope: Scope = Field(default_factory=Scope)
    min_impressions: int = 0
    severity: Literal["info", "warning", "critical"] = "warning"
    channels: list[str] = Field(default_factory=list)
    cooldown_hours: int = Field(default=24, ge=0)


class AudienceSpec(StrictModel):
    """Reserved for the audiences issue: parsed and validated, not compiled yet."""

    customer_list: str | None = None
    consent: bool | None = None
    targeting: Targeting | None = None
