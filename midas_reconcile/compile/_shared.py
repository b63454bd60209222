"""What the compiler's parts share: the per-platform budget, the resource emitter, small spec helpers."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Any, TypeVar

from midas_reconcile import money
from midas_reconcile.resources import AUDIENCE_KIND, GOOGLE, Address, Resource, audience_ref, path_segment
from midas_reconcile.spec import AdGroup, CampaignSpec, Creative, Targeting
from midas_reconcile.spec._excluded_radii import decided_by, meta_adset_layers
from midas_reconcile.spec._google_dynamic_search import fits_group
from midas_reconcile.spec._places import (
    Radius,
    geo_constant_entries,
    google_geo_id,
    parse_radius,
    same_radius,
)
from midas_reconcile.spec._yaml import format_path
from midas_reconcile.spec.models import IMPLICIT_AD_GROUP, Exclusions
from midas_reconcile.spec.models import merged_targeting as merged_targeting
from midas_reconcile.spec.models import platform_targeting as platform_targeting
from midas_reconcile.targeting.model import PlaceConflict, Unresolved
from midas_reconcile.targeting.places import ambiguity, city_or_postal_code, lookup_name

_K = TypeVar("_K")

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class PlatformBudget:
    """One platform's share of a campaign budget, in currency units and platform units."""

    period: str  # "daily" | "lifetime"
    amount: Decimal
    units: int
    note: str = ""
    #: The currency of ``amount`` and ``units`` (the account's, else the spec's).
    currency: str = "USD"


#: Why an excluded radius Google reads is excluded nowhere (``Emitter.meta_alone``): the campaign's platforms.
_ON_GOOGLE_ALONE = "the campaign runs on Google only"
#: … or its ad groups' (``Emitter.radii_excluded_nowhere``).
_NO_META_ADSET = "the campaign makes no Meta ad set (its ad groups run on Google only)"


class Emitter:
    """Creates the resources of one campaign on one platform/account, stamped with their source."""

    def __init__(self, compiler: Any, doc: Any, platform: str, account: str) -> None:
        self.compiler = compiler
        self.doc = doc
        self.platform = platform
        self.account = account
        self.on_remove = doc.spec.lifecycle.on_remove
        self.source = f"{doc.file}:{doc.line}"  # one string shared by every resource of the document
        self._no_refs: dict[str, Address] = {}

    def __call__(
        self,
        kind: str,
        path: str,
        fields: dict[str, Any],
        *,
        refs: Mapping[str, Address] | None = None,
        warnings: Sequence[str] = (),
        named_types: Sequence[str] = (),
    ) -> Address:
        """Create one resource. A ``refs`` dict is kept as given, not copied: the children of one
        parent pass one dict between them (resources never change their refs), which at 100,000s of
        resources saves a dict each. ``named_types``: ``Resource.named_types``."""
        address = Address(self.platform, self.account, kind, path)
        if not refs:
            refs = self._no_refs
        elif type(refs) is not dict:
            refs = dict(refs)
        self.compiler.resources.append(
            Resource(
                address=address,
                fields=fields,
                refs=refs,
                warnings=tuple(sorted(set(warnings))) if warnings else (),
                source=self.source,
                spec_digest=self.doc.digest,
                on_remove=self.on_remove,
                named_types=tuple(named_types),
            )
        )
        self.compiler.warnings.extend(warnings)
        return address

    def unresolved(
        self, names: Sequence[Unresolved], targeting_path: FieldPath, field: str | None = None
    ) -> None:
        """Names no resolver knew (``interest 'Foo'``, ``location 'US-XX'``), and excluded places a targeted
        entry names too (``PlaceConflict``), at their entry in the spec:
        in ``field`` under ``targeting_path`` (default: the targeting list of the name's kind, or its
        ``exclude``, there or in the targeting an ad group's inherits: the platform's own override, then the
        campaign's), with the platform's nearest known name when one is close."""
        for described in names:
            kind, name = described.kind, described.name
            path = self._written_at(kind, name, targeting_path, field)
            if isinstance(described, PlaceConflict):
                where = f"{self.platform} account {self.account!r}{self._in_group(targeting_path, path)}"
                self.issue(path, AsWritten(f"{kind} ", name, described.tail(where)))
                continue
            # A radius is unknown for its city's sake: that city's ambiguity or cities of its name tell why.
            looked_up = (lookup_name(name) if kind == "location" else None) or name
            tail = self._ambiguity(kind, looked_up) or self._unknown(kind, looked_up)
            self.issue(path, AsWritten(f"{kind} ", name, tail))

    def _in_group(self, targeting_path: FieldPath, written_at: FieldPath) -> str:
        """`` in the ad set of ad group 'main'`` (on Google `` in ad group 'main'``) when ``targeting_path``
        is an ad group's own targeting and the entry is written elsewhere (inherited: the campaign's or the
        platform override's), which every ad group shares: the message names the one whose own targeting
        makes the conflict. Else ''."""
        if targeting_path[:2] != ("spec", "ad_groups") or written_at[: len(targeting_path)] == targeting_path:
            return ""
        index = targeting_path[2]
        name = self.doc.spec.ad_groups[index].name if isinstance(index, int) else index
        return f" in the ad set of ad group {name!r}" if self.platform != GOOGLE else f" in ad group {name!r}"

    def out_of_range(
        self, locations: Sequence[str], targeting_path: FieldPath, problem: Callable[[Radius], str | None]
    ) -> None:
        """Radii the platform takes no such distance of (``problem``: why), at their entries in the spec
        (found as ``unresolved`` finds them)."""
        for location in locations:
            radius = parse_radius(location)
            why = problem(radius) if radius is not None else None
            if why:
                where = self._written_at("location", location, targeting_path, None)
                self.issue(where, AsWritten("location ", location, f" on {self.platform}: {why}"))

    def google_alone(self, targeting: Targeting, targeting_path: FieldPath) -> None:
        """Places named by their Google geo target constant in the targeting of a campaign that runs on Meta
        alone, at their entries: none of its platforms has such a place."""
        self._one_platforms(
            [location for location, _ in geo_constant_entries(targeting)],
            targeting_path,
            " is Google's alone (a geo target constant) and the campaign runs on Meta only; expected a place "
            "Meta has: a country, region, city, postal code, DMA or radius",
        )

    def meta_alone(
        self, targeting: Targeting, targeting_path: FieldPath, why: str = _ON_GOOGLE_ALONE
    ) -> None:
        """Radii excluded in the targeting of a campaign (or an ad group) that runs on Google alone
        (``why`` says so), at their entries: the spec excludes a radius on Meta alone
        (``targeting.places.meta_alone``), so none of its platforms would."""
        self._one_platforms(
            [location for location in targeting.exclude.locations if parse_radius(location) is not None],
            targeting_path,
            ", an excluded radius, is Meta's alone (Google is believed to take no negative proximity) and "
            f"{why}; expected a place Google excludes: a country, region, city, "
            "postal code, DMA or geo target constant",
        )

    def group_meta_alone(self, spec: CampaignSpec, group: AdGroup, targeting: Targeting) -> None:
        """``meta_alone`` of the radii an ad group's own exclusions (its ``targeting.exclude``) hold, when it
        makes no Meta ad set: its campaign runs on Google alone, or it does (``platforms: [google]``). Those
        it inherits are the campaign's, said there."""
        if group.targeting is None or "exclude" not in group.targeting.model_fields_set:
            return
        if spec.platforms.meta is None:
            self.meta_alone(targeting, group_targeting_path(spec, group))
        elif group.platforms is not None and "meta" not in group.platforms:
            self.meta_alone(targeting, group_targeting_path(spec, group), "the ad group runs on Google only")

    def radii_excluded_nowhere(self, spec: CampaignSpec, targeting: Targeting) -> None:
        """Excluded radii no platform would exclude, at their entries. Google leaves an excluded radius out
        (``targeting.places.meta_alone``), so a radius is excluded only where Meta's targeting (the unified
        one with ``meta.targeting`` applied) excludes it. ``targeting`` is the campaign's Google targeting
        (the unified one with ``google.targeting`` applied). Each is checked apart: a radius in Google's
        override that no Meta ad set's exclusions hold (Meta never reads that override; an ad set's are the
        campaign's with Meta's override and its ad group's own applied, ``adset_exclusions``); a unified one
        Meta's override (``meta.targeting.exclude``) replaces, whatever Google's override says, in each ad set
        that would have inherited it (its ad group sets no exclude of its own); a unified one, Meta's override
        or not, when every ad group sets its own exclude (it must be in one of them) or the campaign makes no
        Meta ad set (its ad groups run on Google alone); any in a campaign not on Meta, the unified ones too
        when Google's override replaces them there (no platform reads them). A radius Meta's exclusions may
        hold spelt otherwise, one city written within its country and within a region (``Oakland, US`` and
        ``Oakland, US-CA``), is a warning: only the Meta account's resolving can tell
        (``_places.same_radius``)."""
        google_own = _sets_exclude(spec.google.targeting)
        if spec.platforms.meta is None:
            self._google_alone_radii(spec, targeting, google_own)
            return
        meta_own = _sets_exclude(spec.meta.targeting)
        adsets = adset_exclusions(spec)
        if not adsets and meta_own:
            self._meta_override_unread(spec)
        if not adsets and google_own:
            # No Meta ad set (every ad group runs on Google alone): as on a campaign on Google alone, the
            # override's radii are Meta's alone and the unified ones it replaces are read by no platform.
            self._google_alone_radii(spec, targeting, google_own, _NO_META_ADSET)
            return
        inheriting = _inheriting(adsets)
        meta_list = "meta.targeting.exclude.locations" if meta_own else "the unified exclude.locations"
        if len(inheriting) < len(adsets):
            held = (
                f"neither {meta_list} nor an ad group's own exclusions, which Meta's ad sets exclude, hold it"
            )
        else:
            held = f"{meta_list}, which Meta excludes, does not hold it"
        if google_own:
            self._excluded_on_neither(
                targeting.exclude.locations,
                _every_exclusion(adsets),
                ("spec", "google", "targeting"),
                ", an excluded radius in google.targeting (Google's override, which Meta never reads), is "
                "excluded on neither platform: Google is believed to take no negative proximity, and "
                f"{held}; expected it there too, or a place Google excludes: a country, region, city, postal "
                "code, DMA or geo target constant",
            )
        self._unified_radii(spec, adsets, on_google=True)

    def _google_alone_radii(
        self, spec: CampaignSpec, targeting: Targeting, google_own: bool, why: str = _ON_GOOGLE_ALONE
    ) -> None:
        """``radii_excluded_nowhere`` on Google alone (``why``: the campaign runs on Google only, or makes no
        Meta ad set): every excluded radius Google reads (``targeting``'s) is Meta's alone, and the unified
        ones Google's override replaces are read by no platform. A unified one the override copies (the same
        circle) is one mistake: said once, at the override's entry."""
        override_path: FieldPath = ("spec", "google", "targeting") if google_own else CAMPAIGN_TARGETING
        unified = [
            (entry, radius)
            for entry in spec.targeting.exclude.locations
            if google_own and (radius := parse_radius(entry)) is not None
        ]
        copies: dict[str, str] = {}  # the override's entry -> its unified copy
        for location in targeting.exclude.locations:
            radius = parse_radius(location)
            if radius is None:
                continue
            copy = next((entry for entry, other in unified if same_radius(radius, other)), None)
            if copy is not None:
                copies[location] = copy
        for location, copy in copies.items():
            at = format_path(self._written_at("location", copy, CAMPAIGN_TARGETING, None))
            self._one_platforms(
                [location],
                override_path,
                ", an excluded radius, is Meta's alone (Google is believed to take no negative proximity) "
                f"and {why}, as is its copy at {at}, which the override replaces; "
                "expected both removed, or a place Google excludes: a country, region, city, postal code, "
                "DMA or geo target constant",
            )
        rest = [entry for entry in targeting.exclude.locations if entry not in copies]
        self.meta_alone(Targeting(exclude=Exclusions(locations=rest)), override_path, why)
        # the unified exclusions Google's override replaces: read by no platform
        self._one_platforms(
            [entry for entry, _ in unified if entry not in copies.values()],
            CAMPAIGN_TARGETING,
            ", an excluded radius, is excluded nowhere: Google's override (google.targeting.exclude) "
            f"replaces the exclusions it is in, and {why}, while Google is believed to take no negative "
            "proximity; expected it removed, or a place Google excludes in "
            "google.targeting.exclude.locations",
        )

    def _meta_override_unread(self, spec: CampaignSpec) -> None:
        """The excluded radii of Meta's override (``meta.targeting.exclude``) in a campaign that makes no Meta
        ad set (its ad groups run on Google alone), at their entries: no platform reads them."""
        meta_targeting = spec.meta.targeting
        if meta_targeting is None:
            return
        self._one_platforms(
            [entry for entry in meta_targeting.exclude.locations if parse_radius(entry) is not None],
            ("spec", "meta", "targeting"),
            ", an excluded radius in meta.targeting (Meta's override), is excluded on neither platform: the "
            "campaign makes no Meta ad set (its ad groups run on Google only), and Google never reads Meta's "
            "override; expected it removed, or an ad group run on Meta",
        )

    def unified_radii_on_meta(self, spec: CampaignSpec, *, on_google: bool) -> None:
        """The unified excluded radii no Meta ad set reads, at their entries: each ad set that would inherit
        them reads Meta's override's exclusions instead (``meta.targeting.exclude``), or every ad group sets
        its own, or (``on_google``: the campaign runs on Google too) its ad groups all run on Google alone.
        Google takes none (``radii_excluded_nowhere``), so on Meta alone as on both such a radius applies
        nowhere."""
        self._unified_radii(spec, adset_exclusions(spec), on_google=on_google)

    def _unified_radii(
        self, spec: CampaignSpec, adsets: Sequence[tuple[str, bool, list[str]]], *, on_google: bool
    ) -> None:
        """``unified_radii_on_meta`` given the Meta ad sets' exclusions (``adset_exclusions``), which
        ``radii_excluded_nowhere`` has already worked out."""
        meta_own = _sets_exclude(spec.meta.targeting)
        inheriting = _inheriting(adsets)
        unified = spec.targeting.exclude.locations
        nowhere, google = (
            ("excluded on neither platform", " Google is believed to take no negative proximity;")
            if on_google
            else ("excluded nowhere", " the campaign runs on Meta only;")
        )
        if inheriting and meta_own:
            # A unified radius must be excluded by each ad set that would have inherited it, and somewhere.
            which = "" if len(inheriting) == len(adsets) else f" in {_adsets_named(inheriting)}"
            self._excluded_on_neither(
                unified,
                platform_targeting(spec, "meta").exclude.locations,
                CAMPAIGN_TARGETING,
                f", an excluded radius, is {nowhere}{which}: Meta's override (meta.targeting.exclude) "
                f"replaces the exclusions it is in, and{google.removesuffix(';')}; expected it in "
                "meta.targeting.exclude.locations too" + ("" if on_google else ", or removed"),
            )
        elif adsets and not inheriting:
            # Every ad set reads its ad group's own exclusions instead: Meta's override or not, a unified
            # radius applies only where one of them holds it.
            self._excluded_on_neither(
                unified,
                _every_exclusion(adsets),
                CAMPAIGN_TARGETING,
                f", an excluded radius, is {nowhere}: every ad group sets exclusions of its own "
                "(targeting.exclude), which replace the campaign's in its Meta ad set, and none holds it;"
                f"{google} expected it in each ad group's own exclude.locations too, or removed",
            )
        elif not adsets and on_google:
            self._one_platforms(
                [entry for entry in unified if parse_radius(entry) is not None],
                CAMPAIGN_TARGETING,
                ", an excluded radius, is excluded on neither platform: the campaign makes no Meta ad set "
                "(its ad groups run on Google only), and Google is believed to take no negative proximity; "
                "expected it removed, or a place Google excludes: a country, region, city, postal code, DMA "
                "or geo target constant",
            )

    def _excluded_on_neither(
        self, excluded: Sequence[str], on_meta: Sequence[str], targeting_path: FieldPath, tail: str
    ) -> None:
        """The radii of ``excluded`` that Meta's exclusions (``on_meta``) do not hold, each an error at its
        entry (``tail`` saying why); one they may hold spelt otherwise (``_places.same_radius``) a warning."""
        meta_radii = [(entry, radius) for entry in on_meta if (radius := parse_radius(entry)) is not None]
        for location in excluded:
            radius = parse_radius(location)
            if radius is None:
                continue
            held = [(entry, same_radius(radius, other)) for entry, other in meta_radii]
            if any(same is True for _, same in held):
                continue
            maybe = [entry for entry, same in held if same is None]
            if not maybe:
                self._one_platforms([location], targeting_path, tail)
                continue
            self.compiler.warnings.append(
                f"{self.source}: campaign {self.doc.metadata.name!r}: location {location!r}, an excluded "
                f"radius, is excluded on Meta only if {maybe[0]!r}, which Meta excludes, is the same city "
                "(one written within its country, one within a region: only the Meta account's resolving "
                "can tell); Google is believed to take no negative proximity"
            )

    def _one_platforms(self, locations: Sequence[str], targeting_path: FieldPath, tail: str) -> None:
        """Each of ``locations`` (the other platform's alone) at its entry, ``tail`` saying why."""
        for location in locations:
            where = self._written_at("location", location, targeting_path, None)
            self.issue(where, AsWritten("location ", location, tail))

    def _written_at(self, kind: str, name: str, targeting_path: FieldPath, field: str | None) -> FieldPath:
        """Where ``name`` is written: in ``field`` under ``targeting_path``, or (no field) in the targeting
        list of its kind or its ``exclude``, there or in the targeting it inherits (the platform's own
        override, then the campaign's); else the list it would be in."""
        listed = field or TARGETING_LISTS.get(kind, kind)
        inherited = [
            p for p in (("spec", self.platform, "targeting"), CAMPAIGN_TARGETING) if p != targeting_path
        ]
        wheres, keys = (
            ([targeting_path], [listed])
            if field
            else ([targeting_path, *inherited], [listed, f"exclude.{listed}"])
        )
        lists = [(where, key) for where in wheres for key in keys]
        return next(
            (p for where, key in lists if (p := self._entry_path(where, key, name)) is not None),
            (*targeting_path, listed),
        )

    def _unknown(self, kind: str, name: str) -> str:
        if kind == "location" and google_geo_id(name) is not None:  # Google's constant: no name to search
            return (
                f" is not known to {self.platform} account {self.account!r}; expected the id of a geo target "
                "constant Google has (its geo targets table)"
            )
        return (
            f" is not known to {self.platform} account {self.account!r}; "
            "expected a name the platform's targeting search finds" + self._nearest(kind, name)
        )

    def _ambiguity(self, kind: str, name: str) -> str | None:
        """Why a city written within only its country names several of the account's platform's cities
        (``places.ambiguity``), or None."""
        place = city_or_postal_code(name) if kind == "location" else None
        if place is None or place.kind != "city" or place.region is not None:
            return None
        return ambiguity(place, self._near(kind, name), f"{self.platform} account {self.account!r}")

    def _entry_path(self, targeting_path: FieldPath, key: str, name: str) -> FieldPath | None:
        """Where ``name`` is written in the list ``key`` (dotted) under ``targeting_path``, if it is."""
        path: FieldPath = (*targeting_path, *key.split("."))
        node: Any = self.doc
        for part in path:
            node = node[part] if isinstance(part, int) else getattr(node, part, None)
            if node is None:
                return None
        for index, entry in enumerate(node):
            if isinstance(entry, str) and entry.strip().casefold() == name.strip().casefold():
                return (*path, index)
        return None

    def _nearest(self, kind: str, name: str) -> str:
        """``"; did you mean 'X'?"`` with the closest name the account's platform knows, else ''."""
        near = self._near(kind, name)
        if kind == "location":  # the cities of its name in its country: each may be the one it meant
            return f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        known = {n.casefold(): n for n in near}
        close = difflib.get_close_matches(name.casefold(), list(known), n=1, cutoff=0.6)
        return f"; did you mean {known[close[0]]!r}?" if close else ""

    def _near(self, kind: str, name: str) -> list[str]:
        """Names the account's platform knows near ``name`` ([] when its resolver cannot list them)."""
        near = getattr(self.compiler.resolver_for(self.account), "near_names", None)
        return list(near(kind, name)) if near is not None else []

    def issue(self, path: FieldPath, message: str | AsWritten) -> None:
        self.compiler.problem(self.doc, path, message)


@dataclass(frozen=True)
class AsWritten:
    """A problem message quoting the spec's entry at its path as the file writes it (``de-zz``), where
    the model holds it normalised (``DE-ZZ``): ``before``, the quoted entry, ``after``. ``value`` is
    quoted instead when the file holds no text there."""

    before: str
    value: str
    after: str

    def render(self, written: object) -> str:
        return f"{self.before}{written if isinstance(written, str) else self.value!r}{self.after}"


#: Where a campaign's targeting is written (what its ad groups' own targeting inherits).
CAMPAIGN_TARGETING: FieldPath = ("spec", "targeting")
#: The targeting list an unresolved name comes from, by its kind (``Unresolved.kind``).
TARGETING_LISTS: dict[str, str] = {"interest": "interests", "location": "locations", "language": "languages"}


def group_path(spec: CampaignSpec, group: AdGroup) -> FieldPath | None:
    """Where ``group`` is written in the spec (None: the implicit group)."""
    for index, declared in enumerate(spec.ad_groups):
        if declared is group:
            return ("spec", "ad_groups", index)
    return None


def group_targeting_path(spec: CampaignSpec, group: AdGroup) -> FieldPath:
    """Where an ad group's targeting is written: its override, or the campaign's (implicit group)."""
    path = group_path(spec, group)
    return (*path, "targeting") if path is not None and group.targeting else CAMPAIGN_TARGETING


def dotted(path: FieldPath) -> str:
    """``("spec", "ad_groups", 0, "targeting")`` → ``spec.ad_groups[0].targeting``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def notes(note: str) -> list[str]:
    return [note] if note else []


def policy_members(workspace: Any) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for name in sorted(workspace.campaigns):
        policy = workspace.campaigns[name].spec.budget.policy
        if policy is not None:
            members.setdefault(policy, []).append(name)
    return members


def budget_in_units(
    platform: str, amount: Decimal, currency: str, period: str
) -> tuple[int, Decimal, Decimal]:
    """A budget ``amount`` in ``platform`` units, that amount back in currency units (as rounded), and the
    smallest budget of ``period`` the platform takes, in currency units."""
    if platform == GOOGLE:
        unit = money.google_billable_unit_micros(currency)
        units = money.to_google_micros(amount, unit)
        return units, money.from_google_micros(units), money.from_google_micros(unit)
    units = money.to_meta_minor(amount, currency)
    minimum = money.meta_minimum_daily_budget(currency) if period == "daily" else 1
    return units, money.from_meta_minor(units, currency), money.from_meta_minor(minimum, currency)


def split_budget(total: Decimal, platforms: list[str], split: Any) -> dict[str, Decimal]:
    """Exact per-platform amounts (before rounding to platform units: ``round_split``)."""
    if len(platforms) == 1:
        return {platforms[0]: total}
    if split is None:
        return {p: total / len(platforms) for p in platforms}
    if split.by == "amount":
        return {p: getattr(split, p) or Decimal(0) for p in platforms}
    return {p: total * (getattr(split, p) or Decimal(0)) for p in platforms}


def budget_step(platform: str, currency: str) -> Decimal:
    """The smallest amount of ``currency`` a ``platform`` budget moves by, in currency units."""
    if platform == GOOGLE:
        return money.from_google_micros(money.google_billable_unit_micros(currency))
    return money.from_meta_minor(1, currency)


def round_split(exact: dict[str, Decimal], currencies: dict[str, str]) -> dict[str, Decimal]:
    """``exact`` per-platform amounts rounded to what every platform takes, adding up to their sum rounded
    (half-even) to that step: largest remainder, as the optimiser rounds (ties to the first platform).

    Rounding each part on its own loses or invents money (50.01 split in half: 25.00 + 25.00). The step is
    the coarsest of the platforms' (``budget_step``), so each part is exact in every platform's units.
    """
    return largest_remainder(exact, max(budget_step(p, currencies[p]) for p in exact))


def largest_remainder(exact: dict[_K, Decimal], step: Decimal) -> dict[_K, Decimal]:
    """``exact`` parts rounded to multiples of ``step`` that add up to their sum rounded (half-even) to
    ``step``: each part rounded down, then one ``step`` more to the largest remainders (ties to the
    earlier key, so the result follows ``exact``'s order)."""
    steps = {k: amount / step for k, amount in exact.items()}
    units = {k: int(s.to_integral_value(ROUND_FLOOR)) for k, s in steps.items()}
    wanted = int(sum(steps.values(), Decimal(0)).to_integral_value(ROUND_HALF_EVEN))
    by_remainder = sorted(exact, key=lambda k: -(steps[k] - units[k]))  # stable: ties keep the order
    for key in by_remainder[: max(0, wanted - sum(units.values()))]:
        units[key] += 1
    return {k: units[k] * step for k in exact}


def ad_groups(spec: CampaignSpec, platform: str | None = None) -> list[AdGroup]:
    """The campaign's ad groups (on ``platform`` only, if given); one implicit group when it names none."""
    groups = list(spec.ad_groups) or [AdGroup(name=IMPLICIT_AD_GROUP)]
    if platform is None:
        return groups
    return [g for g in groups if g.platforms is None or platform in g.platforms]


def group_creatives(spec: CampaignSpec, group: AdGroup, platform: str) -> list[Creative]:
    """The creatives ``group`` runs on ``platform``, those it pauses alone (``paused_creatives``) paused. On
    Google, a dynamic ad group runs the dynamic search ads alone, another ad group all but them
    (``spec._google_dynamic_search.fits_group``)."""
    on_platform = [c for c in spec.creatives if c.platforms is None or platform in c.platforms]
    if platform == GOOGLE:
        on_platform = [c for c in on_platform if fits_group(c, group)]
    if group.creatives is not None:
        wanted = set(group.creatives)
        on_platform = [c for c in on_platform if c.name in wanted]
    paused = set(group.paused_creatives)
    return [c.model_copy(update={"status": "paused"}) if c.name in paused else c for c in on_platform]


def audience_refs(emit: Emitter, names: Iterable[str]) -> dict[str, Address]:
    """The refs of a resource targeting the audiences ``names`` (uploaded to the emitter's account)."""
    kind = AUDIENCE_KIND[emit.platform]
    return {
        audience_ref(name): Address(emit.platform, emit.account, kind, path_segment(name)) for name in names
    }


def adset_exclusions(spec: CampaignSpec) -> list[tuple[str, bool, list[str]]]:
    """Each Meta ad set's (name, whether its ad group's own ``exclude`` decides its exclusions, the excluded
    locations it reads): the campaign's with Meta's override and its ad group's own applied."""
    out = []
    for _, group, layers in meta_adset_layers(spec):
        _, by, excluding = decided_by(layers, "exclude")
        out.append((group.name, by[:2] == ("spec", "ad_groups"), list(excluding.exclude.locations)))
    return out


def _sets_exclude(override: Targeting | None) -> bool:
    """Whether a platform's override (``google.targeting`` / ``meta.targeting``) sets exclusions of its own,
    replacing the campaign's."""
    return override is not None and "exclude" in override.model_fields_set


def _inheriting(adsets: Sequence[tuple[str, bool, list[str]]]) -> list[str]:
    """The Meta ad sets (of ``adset_exclusions``) whose exclusions are the campaign's, with Meta's override
    applied: those whose ad group sets no exclude of its own (the others' own are read instead)."""
    return [name for name, by_group, _ in adsets if not by_group]


def _every_exclusion(adsets: Sequence[tuple[str, bool, list[str]]]) -> list[str]:
    """Every excluded location the Meta ad sets (of ``adset_exclusions``) read, ad set by ad set."""
    return [entry for _, _, excluded in adsets for entry in excluded]


def _adsets_named(names: Sequence[str]) -> str:
    """``Meta's ad set 'a'`` / ``Meta's ad sets 'a', 'b'``."""
    quoted = ", ".join(repr(name) for name in names)
    return f"Meta's ad set {quoted}" if len(names) == 1 else f"Meta's ad sets {quoted}"
