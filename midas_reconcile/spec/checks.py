"""Rules that need more than one value: platform limits, sums, uniqueness, references.

Each check reports ``(path, message)`` with the path of the offending node inside its document
(``('spec', 'creatives', 0, 'headlines', 3)``), so the loader can point at the exact line and column.
References to other documents (``budget.policy``, ``scope.campaigns``) are returned as ``Reference``s and
resolved by the loader once every document is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, Final, Protocol

from midas_reconcile import money
from midas_reconcile.resources import GOOGLE_KEYWORD_INVALID_CHARS, keyword_identity
from midas_reconcile.spec._codes import (
    EXCLUDED_RADIUS_EXAMPLE,
    PLACES_BUT_A_RADIUS,
    country_problem,
    language_problem,
    location_problem,
    time_zone_problem,
)
from midas_reconcile.spec._describe import ValueProblem, describe, did_you_mean
from midas_reconcile.spec._excluded_radii import check_meta_excluded_radii, decided_by, meta_adset_layers
from midas_reconcile.spec._google_ad_group_devices import check_ad_group_devices
from midas_reconcile.spec._google_app import (
    APP_AD_DESCRIPTIONS,
    APP_AD_HEADLINES,
    APP_KIND_BIDDING,
    check_app_creative,
    check_google_app,
    check_not_app_creative,
    runs_google_app,
)
from midas_reconcile.spec._google_bidding_defaults import GOOGLE_CHANNEL_NAMES, google_defaults
from midas_reconcile.spec._google_demand_gen import (
    DEMAND_GEN_AD_DESCRIPTIONS,
    DEMAND_GEN_AD_HEADLINES,
    DEMAND_GEN_IMAGE_OPTIONS,
    check_channel_creative_options,
    check_demand_gen_carousel,
    check_demand_gen_channels,
    check_demand_gen_creative,
    check_google_demand_gen,
    is_demand_gen_video_ad,
    runs_google_demand_gen,
)
from midas_reconcile.spec._google_demand_gen_products import check_demand_gen_products
from midas_reconcile.spec._google_devices import check_google_devices
from midas_reconcile.spec._google_display import (
    DISPLAY_AD_DESCRIPTIONS,
    DISPLAY_AD_HEADLINES,
    DISPLAY_IMAGE_OPTIONS,
    check_display_creative,
    check_google_display,
    runs_google_display,
)
from midas_reconcile.spec._google_dynamic_search import check_google_dynamic_search
from midas_reconcile.spec._google_hotel import (
    HOTEL_BIDDING,
    check_google_hotel,
    check_percent_cpc_bid,
    runs_google_hotel,
)
from midas_reconcile.spec._google_hotel_bookings import check_hotel_bookings
from midas_reconcile.spec._google_location_bids import check_google_location_bids
from midas_reconcile.spec._google_performance_max import (
    PMAX_BIDDING,
    PMAX_DESCRIPTIONS,
    PMAX_HEADLINES,
    check_google_performance_max,
    check_performance_max_creative,
    runs_google_performance_max,
)
from midas_reconcile.spec._google_shopping import (
    SHOPPING_BIDDING,
    check_google_shopping,
    runs_google_shopping,
)
from midas_reconcile.spec._meta_advantage import check_meta_advantage_audience
from midas_reconcile.spec._meta_bids import check_meta_bids, check_meta_spend_cap
from midas_reconcile.spec._meta_catalog import check_meta_catalog
from midas_reconcile.spec._meta_creatives import check_meta_only_creative
from midas_reconcile.spec._meta_display_link import check_display_link
from midas_reconcile.spec._meta_dynamic_creative import check_dynamic_creative
from midas_reconcile.spec._meta_instagram_identity import check_instagram_identity
from midas_reconcile.spec._meta_lead_forms import check_meta_lead_forms
from midas_reconcile.spec._meta_messaging import check_meta_messaging, messages_only
from midas_reconcile.spec._meta_placements import check_meta_placements
from midas_reconcile.spec._places import google_geo_id, inherited_and_targeted, parse_radius
from midas_reconcile.spec._product_groups import product_group_bids
from midas_reconcile.spec._schedule_hours import check_schedule_hours
from midas_reconcile.spec._targeted_excluded import check_targeted_and_excluded
from midas_reconcile.spec._unique import check_unique, repeats_at
from midas_reconcile.spec._url_tracking import check_url_tracking
from midas_reconcile.spec._yaml import PathKey, format_path
from midas_reconcile.spec.models import (
    DIGITS_PATTERN,
    DYNAMIC_SEARCH_CREATIVE,
    META_ONLY_CREATIVE_TYPES,
    META_PIXEL_GOALS,
    PLAY_PACKAGE_PATTERN,
    PRODUCT_CREATIVE,
    AdGroup,
    AdGroupGoogle,
    AdSetBudget,
    AlertRuleSpec,
    App,
    AudiencePlatforms,
    AudienceSpec,
    AudienceTarget,
    BiddingStrategy,
    Budget,
    BudgetPolicySpec,
    CallToAction,
    CampaignSpec,
    Creative,
    GoogleOptions,
    GuardrailSpec,
    Keyword,
    MetaConversion,
    Objective,
    Scope,
    SharedBudgetSpec,
    Targeting,
    adset_conversion,
    adset_dates,
    adset_goal,
    app_of_store_url,
    meta_ad_groups,
    meta_adset_groups,
)
from midas_reconcile.url_parameters import KEYWORD_URL_OPTIONS, KEYWORD_URLS_BESIDE_FINAL_URL

#: Google responsive search ads: (min count, max count, max characters).
RSA_HEADLINES: Final = (3, 15, 30)
RSA_DESCRIPTIONS: Final = (2, 4, 90)
#: Google keyword text limits.
KEYWORD_MAX_CHARS: Final = 80
KEYWORD_MAX_WORDS: Final = 10


class AccountLike(Protocol):
    """What the checks need to know about an account from midas.yaml."""

    @property
    def platform(self) -> str: ...

    @property
    def currency(self) -> str: ...


@dataclass(frozen=True)
class Reference:
    """A name in one document that must resolve to a document of ``kind``.

    ``currency``, for a campaign's ``budget.policy``, is the currency the policy must budget in (the
    campaign's stated currency, else its accounts'); None when unknown. ``uploaded_to``, for an audience
    a campaign targets, holds the ``(platform, account)`` pairs the audience must be uploaded to.
    ``account``, for a campaign's ``google.shared_budget``, is the account the shared budget must be in.
    """

    kind: str
    name: str
    path: PathKey
    currency: str | None = None
    uploaded_to: tuple[tuple[str, str], ...] = ()
    account: str | None = None


@dataclass
class Findings:
    """Problems and references found in one document."""

    #: A ``ValueProblem`` quotes the value as the document wrote it, whatever the model made of it (a
    #: code in ISO's case): the loader renders it.
    problems: list[tuple[PathKey, str | ValueProblem]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def add(self, path: PathKey, message: str) -> None:
        self.problems.append((path, message))

    def add_found(self, path: PathKey, value: object, tail: str) -> None:
        """``found <the value at path as written><tail>``."""
        self.problems.append((path, ValueProblem(value, tail)))


@dataclass(frozen=True)
class Context:
    """Workspace-wide facts a document is checked against (None: midas.yaml failed to load)."""

    accounts: Mapping[str, AccountLike] | None = None
    webhooks: Mapping[str, object] | None = None
    #: The workspace root, for files a document names (customer lists); None: not checked.
    root: Path | None = None


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _places(out: Findings, path: PathKey, amount: Decimal | None, currency: str) -> None:
    if amount is None:
        return
    allowed = money.currency_exponent(currency)
    found = money.decimal_places(amount)
    if found > allowed:
        out.add(
            path,
            f"found {_amount(amount)}, which has {_plural(found, 'decimal place')}; "
            f"expected at most {allowed} for {currency}",
        )


def _google_bid_places(out: Findings, path: PathKey, amount: Decimal | None, currency: str) -> None:
    """A Google bid is sent in multiples of the currency's billable unit (``google_billable_unit_micros``),
    coarser than a 3-decimal currency's minor unit: 1.005 KWD would go out as 1.00 KWD, so it is an error."""
    unit = money.from_google_micros(money.google_billable_unit_micros(currency))
    allowed = money.decimal_places(unit)
    if amount is None or allowed >= money.currency_exponent(currency):
        _places(out, path, amount, currency)
        return
    found = money.decimal_places(amount)
    if found > allowed:
        out.add(
            path,
            f"found {_amount(amount)}, which has {_plural(found, 'decimal place')}; expected at most "
            f"{allowed} for a Google bid in {currency} (Google's billable unit: {_amount(unit.normalize())} "
            f"{currency})",
        )


def _unique(
    out: Findings,
    path: PathKey,
    items: Sequence[Any],
    what: str,
    key: Callable[[Any], Hashable] = str,
    label: Callable[[Any], str] = str,
    at: str | None = None,
    *,
    as_written: bool = False,
) -> None:
    """Report every item equal (by ``key``) to an earlier one, at the later item (or its ``at`` field).

    Lists the platforms treat as sets must not repeat a value: the plan compares them unordered.
    ``as_written``: the model holds the items in another case than the document (codes), so the message
    quotes the item as written (``found 'us', a duplicate location``) rather than the model's ``US``.
    """
    if not as_written:
        check_unique(out.add, path, items, what, key=key, label=label, at=at)
        return
    for index, where, earlier in repeats_at(path, items, key, at):
        tail = f", a duplicate {what}; expected each once (already at {format_path(earlier)})"
        out.add_found(where, items[index], tail)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _codes(out: Findings, path: PathKey, codes: Sequence[str], problem: Callable[[str], str | None]) -> None:
    for index, code in enumerate(codes):
        tail = problem(code)
        if tail:
            out.add_found((*path, index), code, tail)


def _targeting(out: Findings, path: PathKey, targeting: Targeting) -> None:
    ages = targeting.ages
    if ages.max is not None and ages.max < ages.min:
        out.add(
            (*path, "ages", "max"), f"found {ages.max}; expected a maximum age of at least min ({ages.min})"
        )
    _codes(out, (*path, "locations"), targeting.locations, location_problem)
    _codes(out, (*path, "languages"), targeting.languages, language_problem)
    _codes(out, (*path, "exclude", "locations"), targeting.exclude.locations, location_problem)
    for index, code in enumerate(targeting.exclude.locations):
        radius = parse_radius(code)
        if radius is not None and radius.address is not None:
            out.add_found(
                (*path, "exclude", "locations", index),
                code,
                f", a radius around a street address; expected {PLACES_BUT_A_RADIUS}, or a radius around a "
                f"city or a point such as {EXCLUDED_RADIUS_EXAMPLE} (Meta excludes a radius around a city or "
                "a pin, and MIDAS sends it no street address; Google is believed to exclude no radius)",
            )
    for name in ("genders", "interests"):
        _unique(out, (*path, name), getattr(targeting, name), name[:-1])
    for name in ("locations", "languages"):
        _unique(out, (*path, name), getattr(targeting, name), name[:-1], as_written=True)
    _unique(out, (*path, "exclude", "locations"), targeting.exclude.locations, "location", as_written=True)
    _unique(out, (*path, "exclude", "interests"), targeting.exclude.interests, "interest")
    _unique(out, (*path, "audiences"), targeting.audiences, "audience")
    _unique(out, (*path, "exclude", "audiences"), targeting.exclude.audiences, "audience")
    for index, name in enumerate(targeting.exclude.audiences):
        if name in targeting.audiences:
            out.add(
                (*path, "exclude", "audiences", index),
                f"audience {name!r} is both targeted and excluded; expected it in one of the two lists",
            )
    targeted = {code.casefold() for code in targeting.locations}
    for index, code in enumerate(targeting.exclude.locations):
        if code.casefold() in targeted:
            out.add(
                (*path, "exclude", "locations", index),
                f"location {code!r} is both targeted and excluded (Google refuses to target and exclude one "
                "criterion; Meta would exclude every place of it and reach no one there); expected it in one "
                "of the two lists",
            )


def _override_targets_what_the_campaign_excludes(
    out: Findings, path: PathKey, override: Targeting, campaign: Targeting
) -> None:
    """A platform's targeting override whose own locations the campaign's exclusions, which it inherits
    (it sets no ``exclude`` of its own), hold too: Google refuses to target and exclude one criterion, and a
    Meta ad set would reach no one there (the other pairs across targetings: ``_targeted_excluded``)."""
    if both := inherited_and_targeted(override, campaign):
        out.add(
            (*path, "locations"),
            f"found {', '.join(both)}, which the campaign's targeting excludes (exclude.locations: "
            f"{', '.join(campaign.exclude.locations)}, inherited here); expected locations the campaign does "
            "not exclude, or an exclude of this targeting's own",
        )


def _audience_references(
    out: Findings, path: PathKey, targeting: Targeting | None, uploaded_to: Sequence[tuple[str, str]]
) -> None:
    """The audiences ``targeting`` names must be customer lists uploaded to every ``(platform,
    account)`` it runs on (checked once the workspace is read: ``Reference.uploaded_to``)."""
    if targeting is None or not uploaded_to:
        return
    for field_path, names in (
        ((*path, "audiences"), targeting.audiences),
        ((*path, "exclude", "audiences"), targeting.exclude.audiences),
    ):
        for index, name in enumerate(names):
            out.references.append(Reference("Audience", name, (*field_path, index), None, tuple(uploaded_to)))


def _keyword_label(keyword: Keyword) -> str:
    return f"{keyword.text} ({keyword.match.value})"


def _keywords(out: Findings, path: PathKey, keywords: Sequence[Keyword], on_google: bool) -> None:
    _unique(
        out,
        path,
        keywords,
        "keyword",
        key=lambda k: (keyword_identity(k.text), k.match),
        label=_keyword_label,
    )
    if not on_google:
        return
    for index, keyword in enumerate(keywords):
        refused = sorted(set(keyword.text) & GOOGLE_KEYWORD_INVALID_CHARS, key=keyword.text.index)
        if refused:
            out.add(
                (*path, index, "text"),
                f"found {describe(keyword.text)}, with {', '.join(map(repr, refused))} which Google refuses "
                f"in a keyword; expected none of {' '.join(sorted(GOOGLE_KEYWORD_INVALID_CHARS))}",
            )
        words = len(keyword.text.split())
        if len(keyword.text) > KEYWORD_MAX_CHARS or words > KEYWORD_MAX_WORDS:
            out.add(
                (*path, index, "text"),
                f"found {describe(keyword.text)} ({len(keyword.text)} characters, {words} words); "
                f"expected at most {KEYWORD_MAX_CHARS} characters and {KEYWORD_MAX_WORDS} words "
                "for a Google keyword",
            )


def _rsa_texts(
    out: Findings,
    path: PathKey,
    texts: Sequence[str],
    limits: tuple[int, int, int],
    what: str,
    ad: str = "responsive search ad",
) -> None:
    low, high, chars = limits
    if not low <= len(texts) <= high:
        out.add(path, f"found {_plural(len(texts), what)}; expected {low} to {high} for a Google {ad}")
    for index, text in enumerate(texts):
        if len(text) > chars:
            out.add(
                (*path, index),
                f"found {describe(text)} ({len(text)} characters); "
                f"expected at most {chars} for a Google {what}",
            )


def _creative(out: Findings, path: PathKey, creative: Creative, on_google: bool, spec: CampaignSpec) -> None:
    promotes_app = spec.objective == Objective.APP_PROMOTION
    check_meta_only_creative(out.add, path, creative, on_google, spec)
    if creative.type in (DYNAMIC_SEARCH_CREATIVE, PRODUCT_CREATIVE):  # ``check_google_dynamic_search``,
        return  # ``check_demand_gen_products``
    if creative.type in META_ONLY_CREATIVE_TYPES:  # texts of its cards' or the post's
        if creative.type == "carousel" and on_google and runs_google_demand_gen(spec):
            check_demand_gen_carousel(out.add, path, spec, creative)
        return
    if (
        creative.final_url is None
        and not promotes_app
        and not (spec.sends_nowhere(creative) and not on_google)
        and not messages_only(spec, creative)
    ):
        out.add(
            (*path, "final_url"),
            "a creative needs 'final_url'; found none (only an app_promotion campaign's creatives may leave "
            "it out, to send people to the app's store page, a Meta-only image or video creative of an "
            "awareness or engagement campaign with 'call_to_action: none', seen rather than clicked, and a "
            "Meta-only creative of ad sets opening a conversation, meta.destination messenger, whatsapp or "
            "instagram)",
        )
    if creative.type == "image" and creative.image_url is None and creative.meta.image_hash is None:
        out.add(
            (*path, "type"),
            "an image creative needs 'image_url' (or 'meta: {image_hash: …}', an image of the Meta ad "
            "account's library); found neither",
        )
    if creative.type == "video" and creative.video_id is None:
        out.add((*path, "type"), "a video creative needs 'video_id'; found none")
    _unique(out, (*path, "headlines"), creative.headlines, "headline")
    _unique(out, (*path, "descriptions"), creative.descriptions, "description")
    more: PathKey = (*path, "google", "additional_final_urls")
    for index, url in enumerate(creative.google.additional_final_urls):
        if url == creative.final_url:
            out.add(
                (*more, index),
                f"found {describe(url)}, the creative's final_url; expected only the ad's other final URLs",
            )
    _unique(out, more, creative.google.additional_final_urls, "final URL")
    for option in dict.fromkeys(
        (*DISPLAY_IMAGE_OPTIONS, *DEMAND_GEN_IMAGE_OPTIONS, "images", "companion_banners")
    ):
        _unique(out, (*path, "google", option), getattr(creative.google, option), "image asset id")
    _unique(out, (*path, "google", "youtube_videos"), creative.google.youtube_videos, "YouTube video id")
    if not promotes_app:
        check_not_app_creative(out.add, path, creative)
    display = on_google and runs_google_display(spec) and not promotes_app
    # A Meta-only campaign's keep them for when it runs on Google.
    check_channel_creative_options(out.add, path, spec.google.channel, creative)
    if on_google and runs_google_performance_max(spec) and not promotes_app:  # an asset group's assets
        check_performance_max_creative(out.add, path, spec, creative)
        ad = "Performance Max asset group"
        _rsa_texts(out, (*path, "headlines"), creative.headlines, PMAX_HEADLINES, "headline", ad)
        _rsa_texts(out, (*path, "descriptions"), creative.descriptions, PMAX_DESCRIPTIONS, "description", ad)
    elif on_google and runs_google_demand_gen(spec) and is_demand_gen_video_ad(creative):
        # A video responsive ad: v26 documents no count or length of its texts (``spec._google_demand_gen``).
        check_demand_gen_creative(out.add, path, spec, creative)
    elif on_google and runs_google_demand_gen(spec):  # a Google Demand Gen campaign's multi-asset ads
        check_demand_gen_creative(out.add, path, spec, creative)
        ad = "Demand Gen multi-asset ad"
        _rsa_texts(out, (*path, "headlines"), creative.headlines, DEMAND_GEN_AD_HEADLINES, "headline", ad)
        _rsa_texts(
            out, (*path, "descriptions"), creative.descriptions, DEMAND_GEN_AD_DESCRIPTIONS, "description", ad
        )
    elif display:  # a Google Display campaign runs responsive display ads
        check_display_creative(out.add, path, spec, creative)
        ad = "responsive display ad"
        _rsa_texts(out, (*path, "headlines"), creative.headlines, DISPLAY_AD_HEADLINES, "headline", ad)
        _rsa_texts(
            out, (*path, "descriptions"), creative.descriptions, DISPLAY_AD_DESCRIPTIONS, "description", ad
        )
    elif on_google and promotes_app:  # a Google app campaign runs app ads
        check_app_creative(out.add, path, spec, creative)
        _rsa_texts(out, (*path, "headlines"), creative.headlines, APP_AD_HEADLINES, "headline", "app ad")
        _rsa_texts(
            out, (*path, "descriptions"), creative.descriptions, APP_AD_DESCRIPTIONS, "description", "app ad"
        )
    elif on_google:
        _rsa_texts(out, (*path, "headlines"), creative.headlines, RSA_HEADLINES, "headline")
        _rsa_texts(out, (*path, "descriptions"), creative.descriptions, RSA_DESCRIPTIONS, "description")


def _names_per_platform(
    out: Findings, path: PathKey, items: Sequence[Creative | AdGroup], running: list[str], what: str
) -> None:
    """Creative and ad group names are unique per platform: two may share a name when their ``platforms``
    do not overlap (each platform runs the one of its own)."""
    first: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        runs_on = item.platforms if item.platforms is not None else running
        clashes = sorted({(p, first[(item.name, p)]) for p in runs_on if (item.name, p) in first})
        for platform in runs_on:
            first.setdefault((item.name, platform), index)
        if clashes:
            where = ", ".join(f"{p} at {format_path((*path, i, 'name'))}" for p, i in clashes)
            out.add(
                (*path, index, "name"),
                f"duplicate {what} name {item.name!r} (already on {where}); expected each name once "
                f"per platform ({what}s sharing a name need 'platforms' that do not overlap)",
            )


def own_budget_platforms(spec: CampaignSpec) -> list[str]:
    """The platforms a campaign's own ``budget`` funds: all it runs on but Google when a shared budget
    (``google.shared_budget``) funds it there."""
    return [
        p
        for p in ("google", "meta")
        if getattr(spec.platforms, p) is not None and not (p == "google" and spec.google.shared_budget)
    ]


def _shared_budget(out: Findings, spec: CampaignSpec, running: list[str]) -> bool:
    """The rules of ``google.shared_budget``; whether the campaign's own budget is then checked (it funds a
    Meta half: a campaign on both platforms; none on a Google-only one, whose ``budget`` must say nothing)."""
    shared = spec.google.shared_budget
    path: PathKey = ("spec", "google", "shared_budget")
    if shared is None:
        return True
    if "google" not in running:
        out.add(
            path,
            "the campaign does not run on Google; expected 'shared_budget' only on a campaign running on "
            "Google (Meta has no shared budgets)",
        )
        return True
    account = spec.platforms.google.account if spec.platforms.google else None
    out.references.append(Reference("SharedBudget", shared, path, account=account))
    if spec.google.budget_name is not None:
        out.add(
            ("spec", "google", "budget_name"),
            f"the campaign's Google budget is shared budget {shared!r}, named by its SharedBudget document; "
            "expected no 'budget_name'",
        )
    if "meta" in running:
        if spec.budget.split is not None:
            out.add(
                ("spec", "budget", "split"),
                f"the campaign's Google budget is shared budget {shared!r} (google.shared_budget), so its "
                "own budget is all Meta's; expected no split",
            )
        return True
    for name in ("daily", "lifetime", "policy", "split"):
        if getattr(spec.budget, name) is not None:
            out.add(
                ("spec", "budget", name),
                f"the campaign runs on Google only, funded by shared budget {shared!r} "
                f"(google.shared_budget); expected no {name!r} (the shared budget's amount is the budget)",
            )
    return False


def _budget_delivery(out: Findings, spec: CampaignSpec) -> None:
    """Accelerated delivery where Google still takes it: "Standard delivery will be the only ad delivery
    method for Search campaigns, Shopping campaigns, and shared budgets. [...] Accelerated delivery will
    continue to be available for Display campaigns and Video campaigns" (Google Ads Developer Blog,
    2019-08-21; v26 answers campaign_budget_error.CANNOT_USE_ACCELERATED_DELIVERY_MODE)."""
    if spec.google.budget_delivery != "accelerated":
        return
    path: PathKey = ("spec", "google", "budget_delivery")
    if spec.google.shared_budget is not None:
        out.add(
            path,
            f"the campaign's Google budget is shared budget {spec.google.shared_budget!r}, and a shared "
            "budget delivers standard only; expected 'standard' (or no budget_delivery)",
        )
    elif spec.google.channel in ("search", "shopping") and spec.objective != Objective.APP_PROMOTION:
        kind = spec.google.channel.capitalize()
        out.add(
            path,
            f"a {kind} campaign's budget delivers standard only (Google retired accelerated delivery for "
            "Search and Shopping in 2019); expected 'standard', or a google.channel such as display",
        )


def missing_budget(raw: Any) -> str | None:
    """Why the raw ``spec`` mapping of a Campaign lacks a required ``budget`` (None: it has one, or is a
    Google-only campaign on a shared budget, which has none). Checked on the document itself so that it is
    reported with the document's other problems, as pydantic reports a missing key."""
    if not isinstance(raw, dict) or "budget" in raw:
        return None
    platforms, google = raw.get("platforms"), raw.get("google")
    runs_on = set(platforms) if isinstance(platforms, dict) else set()
    if runs_on == {"google"} and isinstance(google, dict) and google.get("shared_budget") is not None:
        return None
    return (
        "missing required key 'budget' (only a Google-only campaign on a shared budget, "
        "google.shared_budget, has none)"
    )


def _budget(out: Findings, spec: CampaignSpec, running: list[str], currency: str | None) -> None:
    budget = spec.budget
    base: PathKey = ("spec", "budget")
    if "budget" not in spec.model_fields_set:
        return  # reported by the loader, from the document itself (``missing_budget``)
    given = [name for name in ("daily", "lifetime", "policy") if getattr(budget, name) is not None]
    if not given:
        out.add(base, "found no amount; expected exactly one of 'daily', 'lifetime' or 'policy'")
    for extra in given[1:]:
        out.add(
            (*base, extra),
            f"{extra!r} cannot be combined with {given[0]!r}; "
            "expected exactly one of 'daily', 'lifetime' or 'policy'",
        )
    _places(out, (*base, "daily"), budget.daily, budget.currency)
    _places(out, (*base, "lifetime"), budget.lifetime, budget.currency)
    if budget.policy is not None:
        out.references.append(Reference("BudgetPolicy", budget.policy, (*base, "policy"), currency))
    if budget.lifetime is not None and spec.schedule.end is None:
        out.add((*base, "lifetime"), "a lifetime budget needs an end date; expected 'schedule.end' to be set")
    split = budget.split
    if split is None or spec.google.shared_budget:  # a split beside a shared budget: _shared_budget
        return
    spath: PathKey = (*base, "split")
    named = {p: getattr(split, p) for p in ("google", "meta") if getattr(split, p) is not None}
    for platform in named:
        if platform not in running:
            out.add(
                (*spath, platform),
                f"the campaign does not run on {platform}; expected only platforms it runs on "
                f"({', '.join(running) or 'none'})",
            )
    for platform in running:
        if platform not in named:
            out.add(
                spath,
                f"found no {platform!r} entry; expected a {split.by} for every platform the campaign runs on",
            )
    values: dict[str, Decimal] = named
    if split.by == "share":
        for platform, share in values.items():
            if share > 1:
                out.add((*spath, platform), f"found {_amount(share)}; expected a share between 0 and 1")
        total = sum(values.values(), Decimal(0))
        if values and total != 1 and all(v <= 1 for v in values.values()):
            out.add(spath, f"shares sum to {_amount(total)}; expected exactly 1")
        return
    amount = budget.daily if budget.daily is not None else budget.lifetime
    if amount is None:
        out.add(
            (*spath, "by"),
            "a split by amount needs a 'daily' or 'lifetime' budget; use 'by: share' with a policy",
        )
        return
    for platform, value in values.items():
        _places(out, (*spath, platform), value, budget.currency)
    total = sum(values.values(), Decimal(0))
    if values and total != amount:
        out.add(spath, f"amounts sum to {_amount(total)}; expected the budget amount {_amount(amount)}")


def _meta_settings_off_meta(out: Findings, spec: CampaignSpec, running: list[str]) -> None:
    """No Meta setting on an ad group that makes no ad set (off Meta, or in a campaign not running there):
    it would be dropped without a word."""
    on_meta = {index for index, _ in meta_ad_groups(spec)} if "meta" in running else set()
    for index, group in enumerate(spec.ad_groups):
        if index in on_meta:
            continue
        for name in sorted(group.meta.model_fields_set):
            out.add(
                ("spec", "ad_groups", index, "meta", name),
                f"found meta.{name} on an ad group that does not run on Meta; "
                "expected Meta settings only on ad groups running on Meta",
            )


def _adsets(out: Findings, spec: CampaignSpec, running: list[str]) -> None:
    """Meta ad set budgets and dates: a budget on every Meta ad set or on none (Meta sets a budget on the
    campaign or on its ad sets), lifetime ones with an end date, all daily when the ad sets share them.
    An ad set budget may be of the other period than the campaign's (``spec.models.AdSetBudget``)."""
    on_meta = meta_ad_groups(spec) if "meta" in running else []
    budgeted = [group.name for _, group in on_meta if group.meta.budget is not None]
    lifetime = [
        g.name for _, g in on_meta if g.meta.budget is not None and g.meta.budget.lifetime is not None
    ]
    if spec.meta.adset_budget_sharing and (not budgeted or spec.budget.daily is None or lifetime):
        found = f" (ad set {lifetime[0]!r} has a lifetime budget)" if lifetime else ""
        out.add(
            ("spec", "meta", "adset_budget_sharing"),
            f"found ad set budget sharing{found}; expected it only with daily ad set budgets ('meta.budget: "
            "{daily: …}' on every ad group, in a campaign with a daily budget): Meta shares daily ones only",
        )
    amount = spec.budget.daily is not None or spec.budget.lifetime is not None
    for index, group in on_meta:
        path: PathKey = ("spec", "ad_groups", index, "meta")
        start, end = adset_dates(spec.schedule, group)
        # Only where the ad set sets a date of its own: else its dates are the campaign's, said there.
        own_dates = group.meta.schedule is not None and group.meta.schedule.model_fields_set & {
            "start",
            "end",
        }
        if own_dates and start and end and end < start:
            out.add(
                (*path, "schedule"),
                f"the ad set runs {start.isoformat()} – {end.isoformat()}; expected an end date on or "
                "after the start",
            )
        own = group.meta.budget
        if own is None:
            if budgeted:
                out.add(
                    ("spec", "ad_groups", index),
                    f"found no 'meta.budget' while ad group {budgeted[0]!r} has one; expected one on every "
                    "Meta ad set of the campaign (Meta budgets a campaign or all of its ad sets)",
                )
            continue
        _adset_budget(out, (*path, "budget"), own, amount, end, spec.budget.currency)


def _meta_locations(out: Findings, spec: CampaignSpec, running: list[str]) -> None:
    """Every Meta ad set targets a location or an audience: Meta refuses one with neither ("You must
    specify at least one country in targeting, unless you use a Custom Audience", Marketing API, Basic
    Targeting). Reported once at the targeting that left the ad sets without one."""
    if "meta" not in running:
        return
    unlocated: dict[PathKey, list[str]] = {}
    google_only: dict[PathKey, list[str]] = {}
    for _, group, layers in meta_adset_layers(spec):
        located_by, locations = _set_by(layers, "locations")
        # A geo target constant is Google's alone: the ad set goes out without it.
        if any(google_geo_id(place) is None for place in locations) or _set_by(layers, "audiences")[1]:
            continue
        unlocated.setdefault((*located_by, "locations"), []).append(group.name)
        google_only[(*located_by, "locations")] = locations
    for path, names in unlocated.items():
        sets = (
            f"ad sets {', '.join(map(repr, names))} target"
            if len(names) > 1
            else f"ad set {names[0]!r} targets"
        )
        constants = google_only[path]
        alone = (
            f" Meta has ({', '.join(constants)} {'is' if len(constants) == 1 else 'are'} Google's alone)"
            if constants
            else ""
        )
        out.add(
            path,
            f"Meta {sets} no location{alone}; expected at least one location (or a targeted audience): "
            "Meta refuses an ad set with neither",
        )


def _set_by(layers: Sequence[tuple[PathKey, Targeting]], name: str) -> tuple[PathKey, list[str]]:
    """Which of the targeting ``layers`` (campaign first) decides field ``name``, and its value: the last
    that sets it, as ``compile._shared.merged_targeting`` merges them, else the campaign's."""
    _, path, targeting = decided_by(layers, name)
    return path, list(getattr(targeting, name))


def _adset_budget(
    out: Findings, path: PathKey, own: AdSetBudget, amount: bool, end: dt.date | None, currency: str
) -> None:
    given = [name for name in ("daily", "lifetime") if getattr(own, name) is not None]
    if len(given) != 1:
        out.add(
            path, f"found {' and '.join(given) or 'no amount'}; expected exactly one of 'daily' or 'lifetime'"
        )
        return
    if not amount:
        out.add(
            path,
            "ad set budgets share out the campaign's own amount; expected 'budget.daily' or "
            "'budget.lifetime' on the campaign, not a policy",
        )
    _places(out, (*path, given[0]), getattr(own, given[0]), currency)
    if given[0] == "lifetime" and end is None:
        out.add(
            (*path, "lifetime"),
            "a lifetime ad set budget needs an end date; expected the ad set to end ('meta.schedule.end' "
            "or the campaign's 'schedule.end')",
        )


def _platforms(out: Findings, spec: CampaignSpec, running: list[str], ctx: Context) -> None:
    if not running:
        out.add(("spec", "platforms"), "found no platform; expected at least one of 'google' or 'meta'")
    if ctx.accounts is None:
        return
    funded = own_budget_platforms(spec)  # a shared budget's account bills in the shared budget's currency
    for platform in running:
        target = getattr(spec.platforms, platform)
        path: PathKey = ("spec", "platforms", platform, "account")
        if not _account_of(out, path, target.account, platform, ctx):
            continue
        account = ctx.accounts[target.account]
        if platform in funded and spec.budget.policy is None:
            _billed_in(out, ("spec", "budget"), spec.budget, target.account, account.currency)


def _billed_in(
    out: Findings, path: PathKey, priced: Budget | SharedBudgetSpec, account: str, currency: str
) -> None:
    """``priced`` (a budget, its ``currency`` stated or the default) is in the currency ``account`` uses."""
    if priced.currency == currency:
        return
    stated = "currency" in priced.model_fields_set
    out.add(
        (*path, "currency") if stated else path,
        f"found currency {priced.currency}{'' if stated else ' (the default)'}; account {account!r} bills in "
        f"{currency}, expected 'currency: {currency}'",
    )


#: Google's target impression share in millionths (google-ads v26 ``TargetImpressionShare``
#: ``location_fraction_micros``: "1% equals 10,000").
_SHARE_PLACES: Final = 6


def _bidding(out: Findings, spec: CampaignSpec, currency: str, on_google: bool) -> None:
    bidding = spec.google.bidding
    path: PathKey = ("spec", "google", "bidding")
    strategy = bidding.strategy
    if runs_google_app(spec) and strategy not in APP_KIND_BIDDING[spec.google.app_campaign]:
        return  # the app campaign's own rule says which strategies it takes (``check_google_app``)
    if runs_google_performance_max(spec) and (strategy not in PMAX_BIDDING or bidding.impression_share):
        return  # so does a Performance Max campaign's (``check_google_performance_max``)
    if runs_google_shopping(spec) and strategy not in SHOPPING_BIDDING:
        return  # and a Shopping campaign's (``check_google_shopping``)
    if runs_google_hotel(spec) and strategy not in HOTEL_BIDDING:
        return  # and a Hotel campaign's (``check_google_hotel``)
    # Search and Display campaigns' (the other channels' own rules list the strategies they take).
    if strategy == BiddingStrategy.PERCENT_CPC and spec.google.channel in ("search", "display"):
        out.add(
            (*path, "strategy"),
            "found percent_cpc, a bid that is a percent of the advertised price, which Google assigns to a "
            f"Hotel campaign alone; a Google {GOOGLE_CHANNEL_NAMES[spec.google.channel]} campaign cannot bid "
            "with it",
        )
    _impression_share(out, spec, currency, on_google)
    if strategy == BiddingStrategy.TARGET_CPA and bidding.target_cpa is None:
        out.add((*path, "strategy"), "strategy target_cpa needs 'target_cpa'; found none")
    if strategy == BiddingStrategy.TARGET_ROAS and bidding.target_roas is None:
        out.add((*path, "strategy"), "strategy target_roas needs 'target_roas'; found none")
    if runs_google_app(spec) and spec.google.app_campaign == "pre_registration":
        return  # it takes no target at all, as its own rule says (``check_google_app``)
    cpa_ok = (BiddingStrategy.TARGET_CPA, BiddingStrategy.MAXIMIZE_CONVERSIONS)
    if bidding.target_cpa is not None and strategy not in cpa_ok:
        out.add(
            (*path, "target_cpa"), "target_cpa applies only to strategy target_cpa or maximize_conversions"
        )
    roas_ok = (BiddingStrategy.TARGET_ROAS, BiddingStrategy.MAXIMIZE_CONVERSION_VALUE)
    if bidding.target_roas is not None and strategy not in roas_ok:
        out.add(
            (*path, "target_roas"),
            "target_roas applies only to strategy target_roas or maximize_conversion_value",
        )
    _google_bid_places(out, (*path, "target_cpa"), bidding.target_cpa, currency)
    # Maximize clicks named, or its objective's default on its channel (traffic's on Search, Shopping's).
    by_default = strategy is None and _default_bidding(spec) == "TARGET_SPEND"
    capped = (BiddingStrategy.MAXIMIZE_CLICKS, BiddingStrategy.PERCENT_CPC)
    if bidding.max_cpc is not None and strategy not in capped and not by_default:
        found = f"strategy {strategy.value}" if strategy else f"objective {spec.objective.value}'s default"
        out.add(
            (*path, "max_cpc"),
            "max_cpc applies only to strategy maximize_clicks or percent_cpc (its max CPC limit); found "
            f"{found}",
        )
    _google_bid_places(out, (*path, "max_cpc"), bidding.max_cpc, currency)


def _keyword_options(
    out: Findings, path: PathKey, keywords: Sequence[Keyword], negative: bool, currency: str
) -> None:
    """A keyword's own max CPC (``cpc_bid``) is a Google bid and its URL options its own landing page's; a
    negative keyword bids nothing and sends nobody anywhere."""
    for index, keyword in enumerate(keywords):
        if keyword.cpc_bid is not None and negative:
            out.add((*path, index, "cpc_bid"), "found cpc_bid on a negative keyword, which bids nothing")
        _google_bid_places(out, (*path, index, "cpc_bid"), keyword.cpc_bid, currency)
        for option in KEYWORD_URL_OPTIONS:
            if not getattr(keyword, option):
                continue
            if negative:
                out.add(
                    (*path, index, option),
                    f"found {option} on a negative keyword, which sends nobody anywhere",
                )
            elif option == "additional_final_urls" and keyword.final_url is None:
                out.add(
                    (*path, index, option),
                    "found additional_final_urls without final_url; they are the keyword's final URLs after "
                    "its final_url: expected final_url too",
                )
            elif option in KEYWORD_URLS_BESIDE_FINAL_URL and keyword.final_url is None:
                out.add(
                    (*path, index, option),
                    f"found {option} without final_url; Google sets a keyword's {option} only beside its own "
                    "final URL: expected final_url too",
                )
        more: PathKey = (*path, index, "additional_final_urls")
        for at, url in enumerate(keyword.additional_final_urls):
            if url == keyword.final_url:
                out.add(
                    (*more, at),
                    f"found {describe(url)}, the keyword's final_url; expected only its other final URLs",
                )
        _unique(out, more, keyword.additional_final_urls, "final URL")


def _default_bidding(spec: CampaignSpec) -> str:
    """The Google bidding strategy type ``spec`` means when it names none."""
    return google_defaults(spec.objective, spec.google.channel)[1]


def _impression_share(out: Findings, spec: CampaignSpec, currency: str, on_google: bool) -> None:
    """Target impression share bidding (strategy target_impression_share, or objective awareness's
    default) needs ``impression_share``, which no other strategy takes: Google refuses the scheme without
    its location, fraction and CPC ceiling (google-ads v26 ``TargetImpressionShare``; its
    ``cpc_bid_ceiling_micros`` is "a required field entered by the advertiser")."""
    bidding = spec.google.bidding
    path: PathKey = ("spec", "google", "bidding")
    strategy = bidding.strategy
    # Awareness's default on Search (a Display or Demand Gen campaign's bids otherwise).
    by_default = strategy is None and _default_bidding(spec) == "TARGET_IMPRESSION_SHARE"
    bids_for_share = strategy == BiddingStrategy.TARGET_IMPRESSION_SHARE or by_default
    share = bidding.impression_share
    wanted = "impression_share: {location: top_of_page, share: 0.65, max_cpc: 2.50}"
    if share is None:
        if bids_for_share and on_google:
            where = ("spec", "objective") if by_default else (*path, "strategy")
            why = (
                "objective awareness bids for target impression share on Google by default"
                if by_default
                else "strategy target_impression_share"
            )
            out.add(
                where,
                f"{why}, which needs google.bidding.{wanted} (where on the page, the share of auctions, "
                "the highest CPC); found none. Add it, or pick another google.bidding.strategy",
            )
        return
    if not bids_for_share:
        found = f"strategy {strategy.value}" if strategy else f"objective {spec.objective.value}"
        default = (
            "the default of objective awareness in a Search campaign; a Google "
            f"{GOOGLE_CHANNEL_NAMES[channel]} campaign cannot bid with it"
            if (channel := spec.google.channel) != "search"
            else "the default of objective awareness"
        )
        out.add(
            (*path, "impression_share"),
            f"impression_share applies only to strategy target_impression_share ({default}); found {found}",
        )
    places = money.decimal_places(share.share)
    if places > _SHARE_PLACES:
        out.add(
            (*path, "impression_share", "share"),
            f"found {_amount(share.share)}, which has {_plural(places, 'decimal place')}; expected at most "
            f"{_SHARE_PLACES} (Google takes the share in millionths)",
        )
    _google_bid_places(out, (*path, "impression_share", "max_cpc"), share.max_cpc, currency)


def _campaign_currency(spec: CampaignSpec, running: list[str], ctx: Context) -> str | None:
    """The currency a campaign's budget must be in: as stated, else its accounts' (None if unknown)."""
    if "currency" in spec.budget.model_fields_set:
        return spec.budget.currency
    accounts = ctx.accounts or {}
    for platform in own_budget_platforms(spec) or running:
        account = accounts.get(getattr(spec.platforms, platform).account)
        if account is not None:
            return account.currency
    return None


def check_campaign(spec: CampaignSpec, ctx: Context) -> Findings:
    """Every cross-field rule of a Campaign (see the module docstring for the path convention)."""
    out = Findings()
    running = [p for p in ("google", "meta") if getattr(spec.platforms, p) is not None]
    on_google = "google" in running
    _platforms(out, spec, running, ctx)
    currency = _campaign_currency(spec, running, ctx)
    if _shared_budget(out, spec, running):
        _budget(out, spec, running, currency)
    _budget_delivery(out, spec)
    schedule = spec.schedule
    if schedule.start and schedule.end and schedule.end < schedule.start:
        out.add(
            ("spec", "schedule", "end"),
            f"found {schedule.end.isoformat()}, which is before start {schedule.start.isoformat()}; "
            "expected an end date on or after the start",
        )
    _time_zone(out, ("spec", "schedule", "time_zone"), schedule.time_zone)
    check_schedule_hours(out.add, spec, ctx.accounts)
    _targeting(out, ("spec", "targeting"), spec.targeting)

    def where(platforms: Sequence[str]) -> list[tuple[str, str]]:
        return [(p, getattr(spec.platforms, p).account) for p in running if p in platforms]

    _audience_references(out, ("spec", "targeting"), spec.targeting, where(running))
    for platform in running:
        override = getattr(spec, platform).targeting
        if override is not None:
            _targeting(out, ("spec", platform, "targeting"), override)
            _override_targets_what_the_campaign_excludes(
                out, ("spec", platform, "targeting"), override, spec.targeting
            )
            _audience_references(out, ("spec", platform, "targeting"), override, where([platform]))
    creatives = {creative.name for creative in spec.creatives}
    _names_per_platform(out, ("spec", "creatives"), spec.creatives, running, "creative")
    for index, creative in enumerate(spec.creatives):
        runs_on = creative.platforms if creative.platforms is not None else running
        for platform in sorted(set(runs_on) - set(running)):
            out.add(
                ("spec", "creatives", index, "platforms"),
                f"found {platform!r}, which the campaign does not run on; expected some of {running}",
            )
        _creative(
            out,
            ("spec", "creatives", index),
            creative,
            on_google and "google" in runs_on,
            spec,
        )
    _names_per_platform(out, ("spec", "ad_groups"), spec.ad_groups, running, "ad group")
    for index, group in enumerate(spec.ad_groups):
        path: PathKey = ("spec", "ad_groups", index)
        for platform in sorted(set(group.platforms or ()) - set(running)):
            out.add(
                (*path, "platforms"),
                f"found {platform!r}, which the campaign does not run on; expected some of {running}",
            )
        if group.targeting is not None:
            _targeting(out, (*path, "targeting"), group.targeting)
            _audience_references(
                out, (*path, "targeting"), group.targeting, where(group.platforms or running)
            )
        group_runs_on = set(group.platforms or running)
        for ref_index, ref in enumerate(group.creatives or []):
            if ref not in creatives:
                out.add(
                    (*path, "creatives", ref_index),
                    f"unknown creative {ref!r}{did_you_mean(ref, sorted(creatives))}; expected one of the "
                    f"campaign's creatives ({', '.join(sorted(creatives)) or 'none defined'})",
                )
                continue
            ref_runs_on = {p for c in spec.creatives if c.name == ref for p in (c.platforms or running)}
            if ref_runs_on and group_runs_on and not ref_runs_on & group_runs_on:
                out.add(
                    (*path, "creatives", ref_index),
                    f"creative {ref!r} runs on {', '.join(sorted(ref_runs_on))} only, where this ad group "
                    f"does not run; expected a creative running on {' or '.join(sorted(group_runs_on))}",
                )
        _unique(out, (*path, "creatives"), group.creatives or [], "creative")
        runs = [c.name for c in spec.creatives if group.creatives is None or c.name in group.creatives]
        for ref_index, ref in enumerate(group.paused_creatives):
            if ref not in runs:
                out.add(
                    (*path, "paused_creatives", ref_index),
                    f"found {ref!r}, which this ad group does not run; expected one of its creatives "
                    f"({', '.join(runs) or 'none'})",
                )
        _unique(out, (*path, "paused_creatives"), group.paused_creatives, "creative")
        _keywords(out, (*path, "keywords"), group.keywords, on_google)
        _keywords(out, (*path, "google", "negative_keywords"), group.google.negative_keywords, on_google)
        bid_currency = currency or spec.budget.currency
        _keyword_options(out, (*path, "keywords"), group.keywords, False, bid_currency)
        _keyword_options(
            out, (*path, "google", "negative_keywords"), group.google.negative_keywords, True, bid_currency
        )
        for w_index, webpage in enumerate(group.google.webpages):  # a webpage target's own max CPC
            _google_bid_places(
                out, (*path, "google", "webpages", w_index, "cpc_bid"), webpage.cpc_bid, bid_currency
            )
        _google_exclusions(out, (*path, "google"), group.google)
        if isinstance(group.google.channels, list):
            _unique(out, (*path, "google", "channels"), group.google.channels, "channel")
        if on_google and "google" in group_runs_on:
            _group_bids(out, spec, (*path, "google"), group.google, currency or spec.budget.currency)
    _meta_settings_off_meta(out, spec, running)
    _adsets(out, spec, running)
    _meta_locations(out, spec, running)
    check_meta_excluded_radii(out.add, spec, running)
    check_targeted_and_excluded(out.add, spec, running)
    _keywords(out, ("spec", "google", "keywords"), spec.google.keywords, on_google)
    _keywords(out, ("spec", "google", "negative_keywords"), spec.google.negative_keywords, on_google)
    for option, negative in (("keywords", False), ("negative_keywords", True)):
        keywords = getattr(spec.google, option)
        bid_currency = currency or spec.budget.currency
        _keyword_options(out, ("spec", "google", option), keywords, negative, bid_currency)
    _google_exclusions(out, ("spec", "google"), spec.google)
    _bidding(out, spec, currency or spec.budget.currency, on_google)
    _app(out, spec, running)
    _meta_conversions(out, spec, running, ctx)
    check_meta_bids(out.add, spec, currency or spec.budget.currency)
    check_meta_spend_cap(out.add, spec, currency or spec.budget.currency)
    check_meta_advantage_audience(out.add, spec)
    check_meta_catalog(out.add, spec)
    _meta_messaging(out, spec, ctx)
    if "meta" in running and spec.objective == Objective.APP_PROMOTION:
        _meta_app_promotion(out, spec)
    check_google_app(out.add, spec)
    check_url_tracking(out.add, spec)
    _unique(
        out,
        ("spec", "google", "bidding", "conversion_actions"),
        spec.google.bidding.conversion_actions,
        "conversion action id",
    )
    check_google_display(out.add, spec)
    check_google_performance_max(out.add, spec)
    check_google_demand_gen(out.add, spec)
    check_demand_gen_channels(out.add, spec)
    check_google_shopping(out.add, spec)
    check_google_hotel(out.add, spec)
    check_google_devices(out.add, spec)
    check_ad_group_devices(out.add, spec)
    check_hotel_bookings(out.add, spec)
    check_google_location_bids(out.add, spec)
    check_meta_placements(out.add, spec)
    check_google_dynamic_search(out.add, spec)
    check_demand_gen_products(out.add, spec)
    _unique(out, ("spec", "meta", "special_ad_categories"), spec.meta.special_ad_categories, "category")
    return out


def _app(out: Findings, spec: CampaignSpec, running: list[str]) -> None:
    """An ``app_promotion`` campaign names the app it promotes (its id in its store, and on Meta its Meta
    app id); no other campaign names one."""
    app = spec.app
    if spec.objective != Objective.APP_PROMOTION:
        if app is not None:
            out.add(
                ("spec", "app"),
                f"found an app on a {spec.objective.value} campaign; expected 'app' on app_promotion "
                "campaigns only",
            )
        return
    if app is None:
        out.add(
            ("spec", "objective"),
            "an app_promotion campaign needs 'app' (the store and id of the app it promotes); found none",
        )
        return
    pattern, expected = (
        (PLAY_PACKAGE_PATTERN, "a Google Play package name such as com.example.game")
        if app.store == "google_play"
        else (DIGITS_PATTERN, "an App Store app id, digits only, such as 1234567890")
    )
    if not re.fullmatch(pattern, app.id):
        out.add(("spec", "app", "id"), f"found {describe(app.id)}; expected {expected}")
    elif app.store_url is not None and app_of_store_url(app.store_url) != (app.store, app.id):
        # Meta promotes the app at this page, and its ads must link to it: another app's page, or a page of
        # no store, would promote something else than Google's campaign does.
        out.add(
            ("spec", "app", "store_url"),
            f"found {describe(app.store_url)}; expected a {app.store} page of app {app.id} (the default, "
            f"{App(store=app.store, id=app.id).page()}, or another of its pages in that store)",
        )
    if "meta" in running and app.meta_app_id is None:
        out.add(
            ("spec", "app"),
            "a campaign promoting an app on Meta needs 'meta_app_id' (the app's id in Meta's developer "
            "tools); found none",
        )


def _meta_conversions(out: Findings, spec: CampaignSpec, running: list[str], ctx: Context) -> None:
    """A Meta ad set counting conversions (optimising for ``OFFSITE_CONVERSIONS`` or ``VALUE``, or naming a
    ``meta.conversion``) counts the events of a pixel, which its ``promoted_object`` names with the event
    (Marketing API, "Ad Set, Promoted Object": required with such goals; "If you use pixel_id, you must
    provide custom_event_type"); a campaign's ``meta.conversion`` where no ad set counts one says nothing."""
    if "meta" not in running:
        return
    if spec.objective == Objective.APP_PROMOTION:
        for at, written in _written_conversions(spec):
            if written is not None:
                out.add(
                    at,
                    "found a conversion in an app_promotion campaign, whose Meta ad sets promote its app; "
                    "expected none (MIDAS counts no app events)",
                )
        return
    _custom_conversions_alone(out, spec)
    account_name = spec.platforms.meta.account if spec.platforms.meta is not None else ""
    account = ctx.accounts.get(account_name) if ctx.accounts is not None else None
    if account is not None and account.platform != "meta":
        account = None  # reported at the account already
    account_pixel = getattr(account, "pixel_id", None)
    counting = False
    for index, group in meta_adset_groups(spec):
        path: PathKey | None = None if index is None else ("spec", "ad_groups", index)
        goal = adset_goal(spec, group)
        conversion = adset_conversion(spec, group, account_pixel)
        if conversion is None:
            continue
        counting = True
        where: PathKey = (
            (*path, "meta", "conversion")
            if path is not None and group.meta.conversion is not None
            else (*path, "meta", "optimization_goal")
            if path is not None and group.meta.optimization_goal is not None
            else ("spec", "meta", "optimization_goal")
            if spec.meta.optimization_goal is not None
            else ("spec", "objective")
        )
        if conversion.custom_conversion_id is not None:
            continue  # the custom conversion names its pixel and event
        if conversion.pixel_id is None and account is not None:
            out.add(
                where,
                f"Meta ad set {group.name!r} counts conversions (it optimises for {goal}) on a pixel; "
                f"expected 'pixel_id' on Meta account {account_name!r} in midas.yaml or "
                "'meta.conversion.pixel_id'; found neither",
            )
        if not conversion.names_an_event():
            out.add(
                where,
                f"Meta ad set {group.name!r} counts conversions (it optimises for {goal}), which needs the "
                "event it counts; expected 'meta.conversion.event' (PURCHASE, LEAD, COMPLETE_REGISTRATION, "
                "…), a 'meta.conversion.custom_event' or a 'meta.conversion.custom_conversion_id'; "
                "found none",
            )
    # A catalog campaign's is refused as such, at the same line (``spec._meta_catalog``).
    if spec.meta.conversion is not None and not counting and spec.meta.catalog is None:
        out.add(
            ("spec", "meta", "conversion"),
            "found a conversion, but no Meta ad set of the campaign counts one (none optimises for "
            f"{' or '.join(sorted(META_PIXEL_GOALS))} or names its own 'meta.conversion'); expected one only "
            "where one does",
        )


def _meta_messaging(out: Findings, spec: CampaignSpec, ctx: Context) -> None:
    """Click-to-message ad sets (``spec._meta_messaging``), instant forms and dynamic creatives, with the
    Page of the campaign's Meta account when the workspace's accounts are known."""
    name = spec.platforms.meta.account if spec.platforms.meta is not None else ""
    account = ctx.accounts.get(name) if ctx.accounts is not None else None
    if account is not None and account.platform != "meta":
        account = None  # reported at the account already
    page_id = getattr(account, "page_id", None)
    instagram = getattr(account, "instagram_user_id", None)
    check_meta_messaging(out.add, spec, page_id, name if account is not None else None, instagram)
    check_meta_lead_forms(out.add, spec, page_id, name if account is not None else None)
    check_dynamic_creative(out.add, spec, page_id, name if account is not None else None)
    check_display_link(out.add, spec)
    if spec.platforms.meta is not None:
        check_instagram_identity(out.add, spec, name if account is not None else None, instagram)


def _written_conversions(spec: CampaignSpec) -> list[tuple[PathKey, MetaConversion | None]]:
    """The campaign's ``meta.conversion`` and each ad group's, where they are written."""
    return [
        (("spec", "meta", "conversion"), spec.meta.conversion),
        *(
            (("spec", "ad_groups", i, "meta", "conversion"), g.meta.conversion)
            for i, g in enumerate(spec.ad_groups)
        ),
    ]


def _custom_conversions_alone(out: Findings, spec: CampaignSpec) -> None:
    """A ``meta.conversion`` naming a custom conversion names nothing else: the custom conversion is its
    own pixel's event, and Meta takes its id alone in a promoted object (see ``MetaConversion``). One naming
    a custom event names no standard event beside it: the promoted object has one ``custom_event_type``,
    OTHER for a custom event; a pixel rule narrows the event written beside it."""
    for at, conversion in _written_conversions(spec):
        if conversion is None:
            continue
        if conversion.custom_conversion_id is not None:
            named = ("pixel_id", "event", "custom_event", "pixel_rule")
            beside = [k for k in named if getattr(conversion, k) is not None]
            if beside:
                out.add(
                    (*at, "custom_conversion_id"),
                    f"found custom_conversion_id with {' and '.join(beside)}; a custom conversion names its "
                    "own pixel and event: expected custom_conversion_id alone, or pixel_id and event (or "
                    "custom_event) without it",
                )
        elif conversion.custom_event is not None and conversion.event is not None:
            out.add(
                (*at, "custom_event"),
                f"found custom_event with event {conversion.event}; an ad set counts one event of its pixel: "
                "expected event (a standard one) or custom_event (one the site names), not both",
            )
        elif conversion.pixel_rule is not None and not conversion.names_an_event():
            out.add(
                (*at, "pixel_rule"),
                "found a pixel_rule without the event it narrows; expected event or custom_event beside it",
            )


#: The optimisation goals of a Meta app-promotion ad set promoting an app by its id and store page alone:
#: installs, or link clicks (Meta's "Optimize Your App Ad": installs; link clicks as the fallback without
#: the Facebook SDK). App-event and value goals need an app event in the promoted object
#: (``custom_event_type``), which MIDAS does not send.
META_APP_GOALS: Final = ("APP_INSTALLS", "LINK_CLICKS")
#: The unified calls to action Meta shows on a mobile app's ads: its App Ads docs list SHOP_NOW,
#: BOOK_TRAVEL, LEARN_MORE, SIGN_UP, DOWNLOAD, INSTALL_MOBILE_APP (``install_app``), USE_MOBILE_APP,
#: WATCH_VIDEO, WATCH_MORE and OPEN_LINK "for mobile, regardless of install or engagement".
META_APP_CALLS_TO_ACTION: Final = (
    CallToAction.INSTALL_APP,
    CallToAction.LEARN_MORE,
    CallToAction.SHOP_NOW,
    CallToAction.SIGN_UP,
    CallToAction.DOWNLOAD,
    CallToAction.BOOK_TRAVEL,
    CallToAction.WATCH_MORE,
)


def _meta_app_promotion(out: Findings, spec: CampaignSpec) -> None:
    """What a Meta app-install ad set and its ads cannot take: another optimisation goal, a call to action
    that is no mobile app's (Meta requires one on app-install ads), a link other than the app's store page
    (Meta's Ad Set, Promoted Object: "The ad creative must link to the specified object_store_url")."""
    expected = " or ".join(META_APP_GOALS)
    goals: list[tuple[PathKey, str | None]] = [
        (("spec", "meta", "optimization_goal"), spec.meta.optimization_goal)
    ]
    goals += [
        (("spec", "ad_groups", i, "meta", "optimization_goal"), g.meta.optimization_goal)
        for i, g in meta_ad_groups(spec)
    ]
    for path, goal in goals:
        if goal is not None and goal not in META_APP_GOALS:
            out.add(
                path,
                f"found {goal}; expected {expected}: a Meta app-promotion ad set optimises for installs of "
                "its app (or link clicks to its store page)",
            )
    actions = ", ".join(a.value for a in META_APP_CALLS_TO_ACTION)
    page = spec.app.page() if spec.app is not None else None
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is not None and "meta" not in creative.platforms:
            continue
        action = spec.call_to_action_of(creative)
        if action not in META_APP_CALLS_TO_ACTION:
            out.add(
                ("spec", "creatives", index, "call_to_action"),
                f"found {action.value}; expected one of {actions}"
                " (Meta's app-install ads need a mobile app's call to action; leave it out for install_app)",
            )
        if page is not None and creative.final_url is not None and creative.final_url != page:
            out.add(
                ("spec", "creatives", index, "final_url"),
                f"found {creative.final_url}; expected the app's store page {page}, or no final_url (Meta's "
                "app-install ads link to the store page their ad set promotes)",
            )


def _google_exclusions(out: Findings, path: PathKey, options: GoogleOptions | AdGroupGoogle) -> None:
    """A campaign's or an ad group's ``negative_ages`` / ``negative_genders`` / ``negative_interests``
    (and a campaign's ``campaign_*``) name each bucket, gender and interest once, and a campaign does not
    target what it excludes: Google refuses one criterion targeted and excluded by a campaign
    (``CampaignCriterionError.CANNOT_TARGET_AND_EXCLUDE``, google-ads v26
    ``errors/campaign_criterion_error.proto``)."""
    for part in ("ages", "genders", "interests"):
        _unique(out, (*path, f"negative_{part}"), getattr(options, f"negative_{part}"), part[:-1])
        if not isinstance(options, GoogleOptions):
            continue
        targeted = getattr(options, f"campaign_{part}")
        _unique(out, (*path, f"campaign_{part}"), targeted, part[:-1])
        excluded = {str(v).lower() for v in getattr(options, f"negative_{part}")}
        for index, value in enumerate(targeted):
            if str(value).lower() in excluded:
                out.add(
                    (*path, f"campaign_{part}", index),
                    f"found {describe(value)}, which negative_{part} excludes; expected what the campaign "
                    "targets or what it excludes, not both (Google refuses to target and exclude one "
                    "criterion)",
                )


def _group_bids(
    out: Findings, spec: CampaignSpec, path: PathKey, options: AdGroupGoogle, currency: str
) -> None:
    """An ad group's max CPC and target CPA are money the account bills, and its targets override the
    campaign's of their name: google-ads v26 ``AdGroup.target_cpa_micros`` "If the ad group's campaign
    bidding strategy is TargetCpa or MaximizeConversions (with its target_cpa field set), then this field
    overrides the target CPA specified in the campaign's bidding strategy. Otherwise, this value is
    ignored" (``target_roas`` likewise, with TargetRoas or MaximizeConversionValue)."""
    check_percent_cpc_bid(out.add, spec, path, options)
    if runs_google_performance_max(spec):
        return  # an asset group takes no bids at all (``check_google_performance_max``)
    _google_bid_places(out, (*path, "cpc_bid"), options.cpc_bid, currency)
    _google_bid_places(out, (*path, "target_cpa"), options.target_cpa, currency)
    for at, bid in product_group_bids((*path, "product_groups"), options.product_groups):
        _google_bid_places(out, at, bid, currency)
    for name, strategy in (
        ("target_cpa", "target_cpa or maximize_conversions"),
        ("target_roas", "target_roas or maximize_conversion_value"),
    ):
        if getattr(options, name) is not None and getattr(spec.google.bidding, name) is None:
            out.add(
                (*path, name),
                f"found {name}, which overrides the campaign's google.bidding.{name} for this ad group; the "
                f"campaign sets none, so Google would ignore it: expected google.bidding.{name} (strategy "
                f"{strategy}) on the campaign, or no {name} here",
            )


def _time_zone(out: Findings, path: PathKey, name: str) -> None:
    tail = time_zone_problem(name)
    if tail:
        out.add(path, f"found {describe(name)}{tail}")


def _scope(out: Findings, path: PathKey, scope: Scope) -> None:
    _unique(out, (*path, "campaigns"), scope.campaigns, "campaign")
    _unique(out, (*path, "platforms"), scope.platforms, "platform")
    for index, name in enumerate(scope.campaigns):
        out.references.append(Reference("Campaign", name, (*path, "campaigns", index)))


def check_shared_budget(spec: SharedBudgetSpec, ctx: Context) -> Findings:
    """A Google shared budget: daily (Google shares daily budgets only), in its Google account's currency."""
    out = Findings()
    if spec.lifetime is not None:
        out.add(
            ("spec", "lifetime"),
            "Google shares daily budgets only; expected 'daily' (a lifetime budget funds one campaign: "
            "give the campaign its own 'budget.lifetime')",
        )
    elif spec.daily is None:
        out.add(("spec",), "found no amount; expected 'daily'")
    _places(out, ("spec", "daily"), spec.daily, spec.currency)
    path: PathKey = ("spec", "account")
    if ctx.accounts is not None and _account_of(out, path, spec.account, "google", ctx):
        _billed_in(out, ("spec",), spec, spec.account, ctx.accounts[spec.account].currency)
    return out


def check_budget_policy(spec: BudgetPolicySpec, ctx: Context) -> Findings:
    out = Findings()
    for name in ("total", "min_per_campaign", "max_per_campaign"):
        _places(out, ("spec", name), getattr(spec, name), spec.currency)
    low, high = spec.min_per_campaign, spec.max_per_campaign
    if low is not None and high is not None and high < low:
        out.add(
            ("spec", "max_per_campaign"),
            f"found {_amount(high)}; expected at least min_per_campaign ({_amount(low)})",
        )
    if low is not None and low > spec.total:
        out.add(
            ("spec", "min_per_campaign"),
            f"found {_amount(low)}; expected at most the total ({_amount(spec.total)})",
        )
    _policy_limits(out, spec)
    if spec.goal in ("target_cpa", "target_roas") and spec.target is None:
        out.add(("spec", "goal"), f"goal {spec.goal} needs 'target'; found none")
    if spec.goal == "target_cpa":
        _places(out, ("spec", "target"), spec.target, spec.currency)
    _scope(out, ("spec", "scope"), spec.scope)
    return out


def _policy_limits(out: Findings, spec: BudgetPolicySpec) -> None:
    _places(out, ("spec", "spend_floor"), spec.spend_floor, spec.currency)
    if spec.spend_floor is not None and spec.spend_floor > spec.total:
        out.add(
            ("spec", "spend_floor"),
            f"found {_amount(spec.spend_floor)}; expected at most the total ({_amount(spec.total)})",
        )
    minimums = Decimal(0)
    for platform in ("google", "meta"):
        limits = getattr(spec.per_platform, platform)
        if limits is None:
            continue
        path = ("spec", "per_platform", platform)
        _places(out, (*path, "min"), limits.min, spec.currency)
        _places(out, (*path, "max"), limits.max, spec.currency)
        if limits.min is not None and limits.max is not None and limits.max < limits.min:
            out.add(
                (*path, "max"), f"found {_amount(limits.max)}; expected at least min ({_amount(limits.min)})"
            )
        minimums += limits.min or Decimal(0)
    if minimums > spec.total:
        out.add(
            ("spec", "per_platform"),
            f"the platforms' minimums add up to {_amount(minimums)}; expected at most the total "
            f"({_amount(spec.total)})",
        )


def check_guardrail(spec: GuardrailSpec, ctx: Context) -> Findings:
    out = Findings()
    per_campaign, per_account = (spec.max_daily_budget_per_campaign, spec.max_daily_budget_per_account)
    _places(out, ("spec", "max_daily_budget_per_campaign"), per_campaign, spec.currency)
    _places(out, ("spec", "max_daily_budget_per_account"), per_account, spec.currency)
    if per_campaign is not None and per_account is not None and per_account < per_campaign:
        out.add(
            ("spec", "max_daily_budget_per_account"),
            f"found {_amount(per_account)}; "
            f"expected at least max_daily_budget_per_campaign ({_amount(per_campaign)})",
        )
    _codes(out, ("spec", "allowed_countries"), spec.allowed_countries, country_problem)
    _unique(out, ("spec", "allowed_countries"), spec.allowed_countries, "country", as_written=True)
    return out


def check_alert_rule(spec: AlertRuleSpec, ctx: Context) -> Findings:
    out = Findings()
    # A rate cannot exceed 100 %; utilisation and drops can (overspend, a fall from a high baseline).
    if spec.metric in ("ctr", "cvr") and spec.threshold > 100:
        out.add(
            ("spec", "threshold"), f"found {_amount(spec.threshold)}; expected a percentage from 0 to 100"
        )
    _unique(out, ("spec", "channels"), spec.channels, "channel")
    if ctx.webhooks is not None:
        for index, channel in enumerate(spec.channels):
            if channel not in ctx.webhooks:
                known = sorted(ctx.webhooks)
                out.add(
                    ("spec", "channels", index),
                    f"unknown channel {channel!r}{did_you_mean(channel, known)}; expected a webhook from "
                    f"midas.yaml ({', '.join(known) or 'none defined'})",
                )
    _scope(out, ("spec", "scope"), spec.scope)
    return out


def check_audience(spec: AudienceSpec, ctx: Context) -> Findings:
    out = Findings()
    if spec.existing:
        _existing_audience(out, spec, ctx)
        return out
    if spec.customer_list is None and spec.targeting is None:
        out.add(
            ("spec",), "found neither; expected exactly one of customer_list, targeting or existing: true"
        )
    if spec.customer_list is not None and spec.targeting is not None:
        out.add(("spec", "targeting"), "found both customer_list and targeting; expected exactly one")
    if spec.targeting is not None:
        _targeting(out, ("spec", "targeting"), spec.targeting)
    if spec.customer_list is not None:
        path = ("spec", "customer_list")
        if not spec.customer_list.consent.attested:
            out.add(
                (*path, "consent", "attested"),
                "found false; a customer list can only be used once its consent is attested (true)",
            )
        problem = customer_list_problem(spec.customer_list.path, ctx.root)
        if problem:
            out.add((*path, "path"), problem)
    if spec.platforms is not None:
        _audience_platforms(out, spec, ctx)
    return out


def _existing_audience(out: Findings, spec: AudienceSpec, ctx: Context) -> None:
    """An existing audience (built outside MIDAS) says only where it is found: its ``platforms``."""
    for key in ("customer_list", "targeting"):
        if getattr(spec, key) is not None:
            out.add(
                ("spec", key),
                f"found {key} on an existing audience; expected only platforms (an existing audience is "
                "built outside MIDAS: its members or definition are not in git)",
            )
    if spec.platforms is None:
        out.add(
            ("spec",),
            "found existing: true without platforms; expected platforms naming the accounts the audience "
            "is found on, e.g. platforms: {google: {account: ...}}",
        )
        return
    _platform_accounts(out, spec.platforms, ctx, several=True)


def _platform_accounts(out: Findings, platforms: AudiencePlatforms, ctx: Context, *, several: bool) -> None:
    """At least one platform, each naming its ``account`` — or, where ``several`` may (an existing audience,
    found by name on each), its ``accounts`` — of that platform in midas.yaml."""
    running = [p for p in ("google", "meta") if getattr(platforms, p) is not None]
    if not running:
        out.add(("spec", "platforms"), "found no platform; expected at least one of 'google' or 'meta'")
    wrong: set[str] = set()
    for platform in running:
        target: AudienceTarget = getattr(platforms, platform)
        path: PathKey = ("spec", "platforms", platform)
        problem = _target_problem(target, several)
        if problem:
            wrong.add(platform)
            out.add((*path, "accounts") if target.accounts is not None else path, problem)
        elif target.accounts:
            _unique(out, (*path, "accounts"), target.accounts, "account")
    for location in platforms.located() if ctx.accounts is not None else ():
        if location.platform not in wrong:
            _account_of(out, location.path, location.account, location.platform, ctx)


def _target_problem(target: AudienceTarget, several: bool) -> str | None:
    """Why an audience's ``account`` / ``accounts`` on one platform are not one of the accepted shapes."""
    if target.account is not None and target.accounts is not None:
        return "found both account and accounts; expected one of them"
    if target.accounts is not None and not several:
        return (
            "found accounts on a customer list; expected account: a list is uploaded to one account per "
            "platform (several accounts of a platform are for an existing: true audience, found on each)"
        )
    if target.accounts == []:
        return "found no account; expected at least one"
    if target.account is None and target.accounts is None:
        shapes = "account: NAME" + (" or accounts: [NAME, ...]" if several else "")
        return f"found neither account nor accounts; expected {shapes}"
    return None


def _audience_platforms(out: Findings, spec: AudienceSpec, ctx: Context) -> None:
    """An audience is uploaded only as a customer list, to accounts of the platforms named."""
    assert spec.platforms is not None
    if spec.customer_list is None:
        out.add(
            ("spec", "platforms"),
            "found platforms on a targeting audience; expected them only with a customer_list "
            "(a targeting audience is a saved definition for overlap estimates, not uploaded)",
        )
        return
    _platform_accounts(out, spec.platforms, ctx, several=False)


def _account_of(out: Findings, path: PathKey, name: str, platform: str, ctx: Context) -> bool:
    """Whether ``name`` is a ``platform`` account of midas.yaml (reported at ``path`` when it is not)."""
    assert ctx.accounts is not None
    account = ctx.accounts.get(name)
    if account is None:
        known = sorted(ctx.accounts)
        out.add(
            path,
            f"unknown account {name!r}{did_you_mean(name, known)} "
            f"(accounts in midas.yaml: {', '.join(known) or 'none'})",
        )
        return False
    if account.platform != platform:
        out.add(path, f"account {name!r} is a {account.platform} account; expected a {platform} account")
        return False
    return True


def customer_list_problem(path: str, root: Path | None) -> str | None:
    """Why ``path`` cannot be a customer list of the workspace at ``root`` (None: it can).

    The path is relative, inside the workspace, ends in ``.csv``; it must exist as a file when ``root``
    is given. Its contents are read by ``midas audiences`` commands, not at validation.
    """
    pure = PurePosixPath(path)
    if pure.is_absolute() or "\\" in path or ".." in pure.parts:
        return f"found {path!r}; expected a path relative to the workspace, inside it"
    if pure.suffix.lower() != ".csv":
        return f"found {path!r}; expected a .csv file"
    if root is not None and not (root / pure).is_file():
        return f"found {path!r}, which does not exist; expected a CSV file relative to the workspace"
    return None
