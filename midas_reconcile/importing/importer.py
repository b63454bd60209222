"""``midas import``: live campaigns → unified YAML, verified exact before anything is written.

Every campaign is derived per platform (``derive``), unified (``unify``), written to a scratch copy of
the workspace, loaded and validated like any spec, compiled, and compared with the live objects field
by field (the planner's own ``diff``). Only when every campaign compiles back to exactly what is live
are the files written; with ``adopt`` the campaigns are then claimed and planned like any other, so the
only changes are MIDAS's markers, applied under the account locks and journaled, which records them in
the state store. Anything else is a ``ImportRefused`` listing every problem, and nothing is written —
except under ``--all``, which leaves out (and lists) each campaign it cannot write and imports the rest.

A Google campaign on a shared budget names it (``google.shared_budget``); the budget is written once as a
``SharedBudget`` document beside the campaigns (unless the workspace has one of its name already), and
adopted with them. A shared budget that also funds a live campaign MIDAS does not manage is refused
unless that campaign is imported too: managing the budget would change that campaign's spend.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from midas_reconcile import money
from midas_reconcile.ad_names import closest_unnamed_ads, named_by_content
from midas_reconcile.audiences.lifecycle import is_audience
from midas_reconcile.compile import campaign_aliases, compile_workspace
from midas_reconcile.connectors.base import NamesTargets
from midas_reconcile.diff import diff
from midas_reconcile.errors import MidasError, PolicyViolation, SpecError, SpecIssue
from midas_reconcile.importing.audiences import (
    ExtendedAudience,
    ImportedAudience,
    existing_audiences,
    extend_audience_specs,
    extended_audiences,
    targeted_audiences,
    with_extensions,
)
from midas_reconcile.importing.derive import PlatformView, google_view, meta_view
from midas_reconcile.importing.import_only import meta_import_only_problems
from midas_reconcile.importing.render import fresh_file, render_document, shown_path, slug
from midas_reconcile.importing.trees import CampaignTree, at_live_names, campaign_trees, select
from midas_reconcile.importing.unify import unified_document
from midas_reconcile.left_alone import left_alone
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.resources import (
    GOOGLE,
    MANAGED_MARKER,
    MARKER_FIELDS,
    META,
    Address,
    Resource,
    is_audience_ref,
    is_shared_budget,
    path_segment,
    renamed_campaigns,
    segment_name,
)
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec.loader import SPEC_DIRS
from midas_reconcile.targeting import TargetingMapper
from midas_reconcile.targeting.tables import google_geo_to_iso

#: How a refusal begins when the written specs would not load, and when they would load but differ from
#: what is live: the last resorts, when derivation found no problem of its own to name.
NOT_LOADING = "the written spec would not load"
INEXPRESSIBLE = "the written spec would not match what is live, a difference the spec language cannot express"
_LINK = re.compile(r"^google:(?P<google>[^=\s]+)=meta:(?P<meta>\S+)$")


class ImportRefused(MidasError):
    """The campaigns cannot be imported exactly: every reason, nothing written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("nothing imported:\n" + "\n".join(f"  - {p}" for p in self.problems))


@dataclass
class ImportedCampaign:
    """A campaign import wrote to ``file`` (``text``), or — ``text`` None — adopted as its spec there says.
    ``kind`` ``SharedBudget``: the shared budget its campaigns use, written once beside them."""

    name: str
    file: Path
    text: str | None
    sources: list[tuple[str, str, str]]  # (platform, account, campaign or budget id)
    addresses: list[Address] = field(default_factory=list)
    kind: str = "Campaign"
    #: The ``existing: true`` Audience specs written for audiences it targets that no spec described
    #: (each one with the first campaign that targets it): (audience name, file).
    audiences: list[tuple[str, Path]] = field(default_factory=list)
    #: The workspace's existing audiences it targets on an account their specs did not list, added there
    #: (each one with the first campaign that targets it): (audience name, platform, account, file).
    extended: list[tuple[str, str, str, Path]] = field(default_factory=list)


def parse_link(text: str) -> tuple[str, str]:
    """``google:ID=meta:ID`` → (google id, meta id)."""
    match = _LINK.match(text.strip())
    if match is None:
        raise ImportRefused([f"--link {text!r}: expected google:ID=meta:ID"])
    return match["google"], match["meta"]


class Importer:
    """Derives and verifies the campaigns of one session (see the module doc)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.settings = session.settings
        #: (account, kind) → {platform id: name} of the targeting ids named so far (see ``learn_names``).
        self._names: dict[tuple[str, str], dict[str, str]] = {}
        self._asked: dict[tuple[str, str], set[str]] = {}
        #: The live shared budgets of the accounts read (they belong to no campaign tree).
        self.shared_budgets: dict[Address, Resource] = {}
        #: (account, platform) → {campaign id: the path MIDAS records it at}, read from the store once.
        self._recorded_campaigns: dict[tuple[str, str], dict[str, str]] = {}

    def _recorded_path(self, tree: CampaignTree) -> str | None:
        """The path the state store records ``tree``'s campaign at (None: it records none)."""
        account, platform = tree.address.account, tree.address.platform
        if (account, platform) not in self._recorded_campaigns:
            paths = self.session.store.recorded_paths(account, platform, "campaign")
            self._recorded_campaigns[account, platform] = paths
        return self._recorded_campaigns[account, platform].get(tree.platform_id)

    def unified_name(self, tree: CampaignTree) -> str:
        """The campaign's unified name: the name it goes by on its platform, unless a spec gives it
        another (``google.name`` / ``meta.name``) or the read put it at the name MIDAS records it under (a
        spec's name the platform never had, the spec gone; its name before a console renamed it)."""
        aliases = self.session.campaign_aliases().get((tree.address.platform, tree.address.account), {})
        if tree.name in aliases:
            return aliases[tree.name]
        recorded = self._recorded_path(tree)
        return segment_name(recorded) if recorded == tree.address.campaign else tree.name

    def names_of(self, tree: CampaignTree) -> set[str]:
        """What names ``tree``'s campaign on the command line: its id, its name live, its unified name."""
        return {tree.platform_id, tree.name, self.unified_name(tree)}

    def managed(self, tree: CampaignTree) -> bool:
        """Whether MIDAS manages ``tree``'s campaign: it carries the marker and the state store records it.
        The marker alone is a campaign applied from another workspace, or before its state was lost: one
        to adopt again."""
        return tree.campaign.managed and self._recorded_path(tree) is not None

    def live_trees(self, accounts: Sequence[str]) -> dict[str, list[CampaignTree]]:
        live = self.session.read_live(accounts, for_import=True)
        for account in accounts:
            self.learn_shared_budgets(live[account])
        return {account: campaign_trees(live[account]) for account in accounts}

    def learn_shared_budgets(self, resources: Iterable[Resource]) -> None:
        """Know the shared budgets among ``resources`` (a read, a snapshot): they belong to no campaign
        tree, and the campaigns' views and the verification need them."""
        self.shared_budgets.update({r.address: r for r in resources if is_shared_budget(r.address)})

    def shared_budget_of(self, tree: CampaignTree) -> Resource | None:
        """The live shared budget funding ``tree``'s campaign (None: it has its own, or is on Meta)."""
        budget = tree.campaign.refs.get("campaign_budget")
        return self.shared_budgets.get(budget) if budget is not None else None

    def shared_addresses(self, trees: Sequence[CampaignTree]) -> list[Address]:
        """The addresses of the shared budgets ``trees`` use (adopted with them)."""
        return [r.address for r in self.shared_live(trees)]

    def shared_live(self, trees: Sequence[CampaignTree]) -> list[Resource]:
        """The shared budgets ``trees`` use, once each."""
        found = {r.address: r for t in trees if (r := self.shared_budget_of(t)) is not None}
        return [found[a] for a in sorted(found)]

    def view(self, tree: CampaignTree) -> PlatformView:
        """The campaign in the spec's terms, its targeting ids named through the platform."""
        account = tree.address.account
        settings = self.settings.accounts[account]
        mapper = TargetingMapper()
        self._teach_names(mapper, tree)
        if tree.address.platform == GOOGLE:
            return google_view(
                tree, mapper, settings.currency, self.shared_budget_of(tree), settings.time_zone
            )
        return meta_view(
            tree,
            mapper,
            settings.currency,
            settings.time_zone,
            getattr(settings, "page_id", None),
            getattr(settings, "pixel_id", None),
            getattr(settings, "instagram_user_id", None),
        )

    def _resolver(self, account: str) -> Callable[[str, Sequence[str]], dict[str, str]]:
        """Names → ids for compiling the written specs: the ids this import named (``learn_names``) answer
        for their own names; the platform only for the rest. Not through the session's resolver: an import
        without ``--adopt`` changes nothing in the store, not even its resolution cache."""
        connector = self.session.connector(account)

        def resolve(kind: str, names: Sequence[str]) -> dict[str, str]:
            known = {name.casefold(): i for i, name in self._names.get((account, kind), {}).items()}
            found = {n: known[n.casefold()] for n in names if n.casefold() in known}
            rest = [n for n in names if n not in found]
            if rest:
                found.update(self.session.call(account, lambda: connector.resolve(kind, rest)))
            return found

        return resolve

    def learn_names(self, trees: Sequence[CampaignTree]) -> None:
        """Ask each account's platform once per kind for the names of the region and interest ids its
        ``trees`` target that are not known yet (connectors that can; Meta's targeting also carries interest
        names)."""
        wanted: dict[tuple[str, str], set[str]] = {}
        for tree in trees:
            for kind, ids in _targeting_ids(tree).items():
                wanted.setdefault((tree.address.account, kind), set()).update(ids)
        for (account, kind), ids in sorted(wanted.items()):
            self._names_of(account, kind, ids)

    def location_entries(self, account: str, names: Sequence[str]) -> dict[str, str]:
        """The entry (``Oakland, US-CA``) of the place each location name resolves to on ``account``'s
        platform (``Oakland, US``), for the names it resolves and can name back."""
        ids = self._resolver(account)("location", names)
        known = self._names_of(account, "location", ids.values())
        return {name: known[i] for name, i in ids.items() if i in known}

    def _names_of(self, account: str, kind: str, ids: Iterable[str]) -> dict[str, str]:
        """{platform id: name} of the ``kind`` ids named so far on ``account``, after asking its platform
        (if it can name them) for those of ``ids`` not asked for before."""
        known = self._names.setdefault((account, kind), {})
        asked = self._asked.setdefault((account, kind), set())
        new = sorted(set(ids) - asked)
        asked.update(new)  # an id the platform cannot name is not asked again
        connector = self.session.connector(account)
        if new and isinstance(connector, NamesTargets):
            ask = functools.partial(connector.names_of, kind, new)  # type: ignore[arg-type]
            known.update(self.session.call(account, ask))
        return known

    def _teach_names(self, mapper: TargetingMapper, tree: CampaignTree) -> None:
        """Seed the mapper's reverse memory with the names of the ids this tree targets."""
        self.learn_names([tree])
        account = tree.address.account
        for kind in ("location", "interest"):
            named = self._names.get((account, kind), {})
            mapper.remember(tree.address.platform, kind, {n: i for i, n in named.items()})

    def verify(
        self,
        documents: dict[str, dict[str, Any]],
        trees: Sequence[CampaignTree],
        extended: Sequence[ExtendedAudience] = (),
        *,
        target: Path | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Why ``documents`` (file name → document) would not compile to exactly ``trees`` ([] = exact),
        the workspace's audiences ``extended`` as import will edit them. ``target``: the folder the names
        are of, which a document that would not load is cited in (else the scratch copy verified);
        ``texts``: the documents as they would be written there (file name → text), for its lines."""
        with tempfile.TemporaryDirectory(prefix="midas-import-") as scratch:
            root = Path(scratch)
            shutil.copy(self.session.root / "midas.yaml", root / "midas.yaml")
            (root / "specs").mkdir()
            for file, document in documents.items():
                text = (texts or {}).get(file) or render_document(document, [])
                (root / "specs" / file).parent.mkdir(parents=True, exist_ok=True)
                (root / "specs" / file).write_text(text, encoding="utf-8")
            self._with_audiences(root, extended)
            self._with_shared_budgets(root, documents)
            try:
                workspace = load_workspace(root)
                accounts = sorted({t.address.account for t in trees})
                desired = compile_workspace(
                    workspace, resolver_for=self._resolver, accounts=accounts, audiences=False
                ).resources
            except SpecError as exc:
                return [self._not_loading(issue, documents, target) for issue in exc.issues]
            aliases = campaign_aliases(workspace)
        live = at_live_names(
            [
                r
                for t in trees
                for r in renamed_campaigns(t.all(), aliases.get((t.address.platform, t.address.account), {}))
            ]
        )
        return residuals(desired, [*live, *self.shared_live(trees)])

    def _not_loading(self, issue: SpecIssue, documents: Mapping[str, Any], target: Path | None) -> str:
        """Why the written specs would not load: ``issue`` of the scratch workspace, cited in the file of
        ``target`` the document would be written to — the scratch copy is none of the user's — or, for a
        copy of a spec of the workspace's own, without a file."""
        if target is None:
            return f"{NOT_LOADING}: {issue}"
        name = issue.file.removeprefix("specs/")
        what = f"{issue.field}: {issue.message}" if issue.field else issue.message
        if name not in documents:
            return f"{NOT_LOADING}: {what}"
        file = shown_path(self.session.root, target / name)
        return f"{NOT_LOADING}: {file}:{issue.line}:{issue.column} (not written): {what}"

    def _with_shared_budgets(self, root: Path, documents: dict[str, dict[str, Any]]) -> None:
        """Put the workspace's SharedBudget documents that the written campaigns name (and that are not
        among ``documents``) into the scratch workspace ``root``."""
        written = {d["metadata"]["name"] for d in documents.values() if d["kind"] == "SharedBudget"}
        named = {
            d["spec"].get("google", {}).get("shared_budget")
            for d in documents.values()
            if d["kind"] == "Campaign"
        }
        for name in sorted(n for n in named - written if n in self.session.workspace.shared_budgets):
            doc = self.session.workspace.shared_budgets[name]
            document = shared_budget_document(name, doc.spec.model_dump(mode="json", exclude_none=True))
            file = root / "specs" / "shared-budgets" / f"{slug(name)}.yaml"
            file.parent.mkdir(exist_ok=True)
            file.write_text(render_document(document, []), encoding="utf-8")

    def _with_audiences(self, root: Path, extended: Sequence[ExtendedAudience]) -> None:
        """Put the workspace's audiences (their documents, ``extended``, their customer lists linked) into
        the scratch workspace ``root``: written specs may target them."""
        for name, doc in sorted(self.session.workspace.audiences.items()):
            document = {
                "apiVersion": "midas/v1",
                "kind": "Audience",
                "metadata": {"name": name},
                "spec": with_extensions(name, doc.spec.model_dump(mode="json", exclude_none=True), extended),
            }
            # Apart from the audiences an import writes (``audiences/``), whose names may share a slug.
            file = root / "specs" / "workspace-audiences" / f"{slug(name)}.yaml"
            file.parent.mkdir(exist_ok=True)
            file.write_text(render_document(document, []), encoding="utf-8")
            if doc.spec.customer_list is not None:
                linked = root / doc.spec.customer_list.path
                if not linked.exists():
                    linked.parent.mkdir(parents=True, exist_ok=True)
                    linked.symlink_to((self.session.root / doc.spec.customer_list.path).resolve())

    def compile_workspace(
        self, accounts: Sequence[str], budget_overrides: dict[str, Decimal] | None = None
    ) -> list[Resource]:
        """The workspace's own specs compiled for ``accounts`` (campaigns and shared budgets; with
        ``budget_overrides``, campaign → daily budget, as a plan compiles policy budgets)."""
        return compile_workspace(
            self.session.workspace,
            resolver_for=self._resolver,
            accounts=accounts,
            audiences=False,
            budget_overrides=budget_overrides,
        ).resources

    def recorded_elsewhere(self, trees: Sequence[CampaignTree]) -> bool:
        """Whether the workspace's specs say exactly ``trees`` (campaigns MIDAS manages) but hold some of
        their objects at other addresses than MIDAS records them: ad groups and Meta ads a console renamed,
        written under their live names by an import. Adopting them again moves MIDAS's records there, so the
        next plan has nothing to do rather than records to move."""
        resources = [r for t in trees for r in t.all()]
        spec_addresses = {r.address for r in at_live_names(resources)}
        if spec_addresses == {r.address for r in resources}:
            return False
        return not self.verify_existing(trees)

    def verify_existing(self, trees: Sequence[CampaignTree]) -> list[str]:
        """Why the workspace's own specs of ``trees``' campaigns would not compile to exactly ``trees`` (but
        what a plan of those specs leaves alone, ``left_alone``), or ``trees`` say what no spec can: what a
        fresh import refuses though plans never compare it (``import_only.meta_import_only_problems``)."""
        accounts = sorted({t.address.account for t in trees})
        keys = _campaign_keys(trees)
        compiled = self.compile_workspace(accounts)
        shared = self.shared_live(trees)
        used = {r.address for r in shared}
        desired = [
            r
            for r in compiled
            if (r.address.platform, r.address.account, r.address.campaign) in keys or r.address in used
        ]
        # Where the specs hold each ad group and Meta ad: at its live name, as ``verify`` looks for it.
        live = at_live_names([r for t in trees for r in t.all()])
        # What a console set that the plan leaves alone while the spec names none (a Demand Gen ad group's
        # product filter, a campaign's own ages …) is no difference: adopted, it stays the console's.
        store = self.session.store
        alone = left_alone(
            live, desired, store.recorded(accounts, with_fields=False), store.claimed_addresses(accounts)
        )
        found = residuals(desired, [*(r for r in live if r.address not in alone), *shared])
        return found + [p for t in trees if t.address.platform == META for p in meta_import_only_problems(t)]


def shared_budget_document(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "midas/v1", "kind": "SharedBudget", "metadata": {"name": name}, "spec": spec}


def live_shared_budget_document(budget: Resource, currency: str) -> dict[str, Any] | None:
    """The SharedBudget document of a live shared budget (None: it has no amount to write)."""
    units = budget.fields.get("amount_micros")
    if not units:
        return None
    spec = {
        "account": budget.address.account,
        "daily": money.google_micros_as_written(units),
        "currency": currency,
    }
    return shared_budget_document(str(budget.fields.get("name")), spec)


def _campaign_keys(trees: Sequence[CampaignTree]) -> set[tuple[str, str, str]]:
    return {(t.address.platform, t.address.account, t.address.campaign) for t in trees}


def _targeting_ids(tree: CampaignTree) -> dict[str, set[str]]:
    """Ids of regions, cities and postal codes (Google), regions and cities (Meta) and interests a tree
    targets, by resolve kind."""
    ids: dict[str, set[str]] = {"location": set(), "interest": set()}
    if tree.address.platform == GOOGLE:
        for kind in ("campaign_criterion", "ad_group_criterion"):
            for criterion in tree.of_kind(kind):
                f = criterion.fields
                geo = str(f.get("geo_target_constant") or "")
                if geo and google_geo_to_iso(geo) is None:  # countries are in the shipped tables
                    ids["location"].add(geo.rsplit("/", 1)[-1])
                if f.get("user_interest"):
                    ids["interest"].add(str(f["user_interest"]).rsplit("/", 1)[-1])
        return ids
    for adset in tree.of_kind("adset"):
        targeting = adset.fields.get("targeting") or {}
        for geo in ("geo_locations", "excluded_geo_locations"):
            for place_field in ("regions", "cities"):  # a zip's key is its entry (US:94103)
                for place in (targeting.get(geo) or {}).get(place_field) or []:
                    ids["location"].add(str(place.get("key")))
        for interest in [
            *(targeting.get("interests") or []),
            *((targeting.get("exclusions") or {}).get("interests") or []),
        ]:
            ids["interest"].add(str(interest.get("id")))
    return ids


def residuals(desired: Sequence[Resource], live: Sequence[Resource]) -> list[str]:
    """Every difference between compiled and live resources, but MIDAS's marker (added on adoption)."""
    named = named_by_content(live, desired)
    have = {r.address: r for r in named}
    closest = closest_unnamed_ads(named, desired)
    for ad in closest.values():
        del have[ad.address]
    want = {r.address: r for r in desired}
    out = []
    for address, resource in want.items():
        current = have.get(address) or closest.get(address)
        if current is None:
            out.append(f"{address}: the spec would create it (nothing live at that address)")
            continue
        for change in diff(current, resource):
            if change.path in MARKER_FIELDS and _only_marker(change.before, change.after):
                continue
            out.append(
                f"{address}: {change.path} is {change.before!r} live but {change.after!r} from the spec"
            )
    for address in have.keys() - want.keys():
        out.append(f"{address}: live, but the spec would not hold it")
    return sorted(out)


def _only_marker(before: Any, after: Any) -> bool:
    def names(labels: Any) -> set[str]:
        return {str(x["name"]) if isinstance(x, dict) else str(x) for x in labels or []}

    return names(after) - names(before) == {MANAGED_MARKER} and names(before) <= names(after)


def source_comment(views: Sequence[PlatformView]) -> list[str]:
    return [
        "Imported by `midas import` from "
        + "; ".join(f"{v.platform} campaign {v.campaign_id} in account {v.account}" for v in views)
        + "."
    ]


def campaign_pairs(
    primary: Sequence[CampaignTree],
    others: dict[str, list[CampaignTree]],
    links: Sequence[tuple[str, str]],
    unified: Callable[[CampaignTree], str] = lambda tree: tree.name,
) -> tuple[list[list[CampaignTree]], list[list[str]]]:
    """Each selected tree with its counterpart on the other platform: linked by id (``links``), whatever
    their names, or of the same ``unified`` name in one other account; and each group's problems (an
    ambiguous name, a link to no live campaign). A tree is in one group at most: a tree a link claims is no
    other tree's namesake, ``distinct_links`` links none twice, and trees of one unified name are refused
    as namesakes by the caller."""
    problems: list[list[str]] = []
    groups = []
    for tree in primary:
        problems.append([])
        platform = tree.address.platform
        mine, theirs = (0, 1) if platform == GOOGLE else (1, 0)
        linked = [link[theirs] for link in links if link[mine] == tree.platform_id]
        claimed = {link[theirs] for link in links}
        candidates = [
            t
            for account_trees in others.values()
            for t in account_trees
            if (
                t.platform_id in linked
                if linked
                else t.platform_id not in claimed and unified(t) == unified(tree)
            )
        ]
        if linked and not candidates:
            other = META if platform == GOOGLE else GOOGLE
            problems[-1].append(f"--link names {other} campaign {linked[0]}, which is not live")
        if len(candidates) > 1:
            problems[-1].append(
                f"{platform} campaign {tree.name!r} has {len(candidates)} namesakes on the other platform "
                f"(ids {', '.join(t.platform_id for t in candidates)}); pick one with --link"
            )
            candidates = candidates[:0]
        groups.append([tree, *candidates])
    return groups, problems


def distinct_links(links: Sequence[str]) -> list[tuple[str, str]]:
    """The ``--link`` arguments as (google id, meta id) pairs, a pair given twice once; raises
    ``ImportRefused`` for a campaign linked to two."""
    pairs = list(dict.fromkeys(parse_link(link) for link in links))
    problems = []
    for side, platform in enumerate((GOOGLE, META)):
        for id_ in dict.fromkeys(pair[side] for pair in pairs):
            twice = [f"google:{g}=meta:{m}" for g, m in pairs if (g, m)[side] == id_]
            if len(twice) > 1:
                problems.append(
                    f"--link: {platform} campaign {id_} is linked twice ({', '.join(twice)}); a campaign "
                    "pairs with one campaign on the other platform"
                )
    if problems:
        raise ImportRefused(problems)
    return pairs


def _shared_budget_problems(
    session: Any,
    importer: Importer,
    chosen: Sequence[CampaignTree],
    every_tree: Sequence[CampaignTree],
    importing_from: str,
) -> dict[Address, str]:
    """Why a shared budget the ``chosen`` campaigns use cannot be adopted with them, by its address: it
    also funds a live campaign MIDAS does not manage and this import (from account ``importing_from``)
    leaves out (adopting the budget would hand MIDAS that campaign's spend), or a workspace SharedBudget of
    its name is of another account."""
    problems: dict[Address, str] = {}
    workspace = session.workspace
    chosen_ids = {(t.address.account, t.platform_id) for t in chosen}
    for budget in importer.shared_live(chosen):
        name = str(budget.fields.get("name"))
        account = budget.address.account
        strangers = [
            t
            for t in every_tree
            if t.address.account == account
            and t.campaign.refs.get("campaign_budget") == budget.address
            and (account, t.platform_id) not in chosen_ids
            and not (importer.managed(t) and importer.unified_name(t) in workspace.campaigns)
        ]
        existing = workspace.shared_budgets.get(name)
        if strangers:
            names = ", ".join(f"{t.name!r} (id {t.platform_id})" for t in strangers)
            problems[budget.address] = (
                f"shared budget {name!r} (id {budget.platform_id}, account {account}) also funds campaign "
                f"{names}, which MIDAS does not manage: managing the budget would change their spend — "
                f"{_with_them(account, importing_from)}, or move them to a budget of their own first"
            )
        elif existing is not None and existing.spec.account != account:
            problems[budget.address] = (
                f"shared budget {name!r} of account {account} has the name of the SharedBudget of "
                f"account {existing.spec.account!r} ({existing.source}); rename one of them"
            )
    return problems


def _with_them(account: str, importing_from: str) -> str:
    """How to import the other campaigns on a shared budget of ``account`` with those chosen: ``--campaign``
    names campaigns of the account imported from, so from another (a Meta account), only the budget's own
    can name them."""
    if account == importing_from:
        return "import them too (--campaign ID …)"
    return (
        f"import them together from account {account}, where the budget is (`midas import --account "
        f"{account} --campaign ID …` naming every campaign on it)"
    )


def _shared_budgets_of(
    session: Any,
    importer: Importer,
    chosen: Sequence[CampaignTree],
    target: Path,
    documents: dict[str, dict[str, Any]],
    imported: list[ImportedCampaign],
) -> list[str]:
    """Write (into ``documents`` and ``imported``) a SharedBudget document for each shared budget the
    ``chosen`` campaigns use that the workspace does not describe yet (``_shared_budget_problems`` found
    none in them); the problems of the files."""
    problems: list[str] = []
    for budget in importer.shared_live(chosen):
        name = str(budget.fields.get("name"))
        account = budget.address.account
        if name in session.workspace.shared_budgets:
            continue
        document = live_shared_budget_document(budget, session.settings.accounts[account].currency)
        if document is None:
            continue  # a problem of the campaigns' views already
        file = fresh_file(target, f"shared-budget-{slug(name)}", {target / f for f in documents}, problems)
        documents[file.name] = document
        header = [
            f"Imported by `midas import` from google shared budget {budget.platform_id} in account {account}."
        ]
        imported.append(
            ImportedCampaign(
                name,
                file,
                render_document(document, header),
                [(GOOGLE, account, str(budget.platform_id))],
                [budget.address],
                kind="SharedBudget",
            )
        )
    return problems


def adoption_plan(plan: Plan, adopted: set[tuple[str, str, str]]) -> Plan:
    """``plan`` cut down to the changes (and conflicts) of the adopted campaigns (platform, account, name)."""

    def ours(address: Address) -> bool:
        return (address.platform, address.account, address.campaign) in adopted

    # The audiences they target and the shared budgets funding them come along: their writes need the
    # audiences' ids, and a shared budget is no campaign's own.
    targeted = {
        target
        for change in plan.changes
        if ours(change.address)
        for side in (change.before, change.after)
        if side is not None
        for name, target in side.refs.items()
        if is_audience_ref(name) or is_shared_budget(target)
    }
    plan.changes = [c for c in plan.changes if ours(c.address) or c.address in targeted]
    # Violations name addresses: those of the adopted campaigns' objects, or of what comes along.
    named = [f"/{c[2]}@" for c in adopted] + [str(t) for t in targeted]
    plan.violations = [v for v in plan.violations if any(n in v for n in named)]
    return plan


@dataclass
class SkippedCampaign:
    """A live campaign ``import --all`` left out, and why: what ``--campaign`` would refuse it for."""

    name: str
    sources: list[tuple[str, str, str]]  # (platform, account, campaign id)
    reasons: list[str]


@dataclass
class ImportOutcome:
    """What ``import_campaigns`` did: the campaigns (and shared budgets) written, or adopted as their specs
    say; the apply result of the adoption (None without ``adopt``); with ``everything``, the campaigns left
    out and why, the names of those that have a spec already (not written again) and of those MIDAS
    manages already (not adopted again)."""

    campaigns: list[ImportedCampaign]
    adoption: Any = None
    skipped: list[SkippedCampaign] = field(default_factory=list)
    specified: list[str] = field(default_factory=list)
    managed: list[str] = field(default_factory=list)
    #: What guardrails say of the adopted campaigns as they run (adoption changed nothing they guard).
    guardrails: list[str] = field(default_factory=list)


@dataclass
class _Draft:
    """A campaign group on its way to be written (``document``) or adopted as its spec says (None)."""

    group: list[CampaignTree]
    campaign: ImportedCampaign
    document: dict[str, Any] | None = None


@dataclass
class _Batch:
    """What a set of drafts writes — the campaigns' documents, the shared budgets they use (after them in
    ``imported``), the audiences they target — and why it would not be exact ([]: it is)."""

    documents: dict[str, dict[str, Any]]
    imported: list[ImportedCampaign]
    audiences: list[ImportedAudience]
    extended: list[ExtendedAudience]
    problems: list[str]


def _funding_problems(group: Sequence[CampaignTree], budget_problems: dict[Address, str]) -> list[str]:
    """The problems (``_shared_budget_problems``) of the budgets funding ``group``'s campaigns."""
    budgets = {t.campaign.refs.get("campaign_budget") for t in group}
    return [why for budget, why in budget_problems.items() if budget in budgets]


def _batch(session: Any, importer: Importer, drafts: Sequence[_Draft], target: Path) -> _Batch:
    """The files ``drafts`` write, verified to compile to exactly what is live (nothing is written here)."""
    written = [d for d in drafts if d.document is not None]
    documents = {d.campaign.file.name: d.document for d in written if d.document is not None}
    imported = [d.campaign for d in written]
    trees = [t for d in drafts for t in d.group]
    problems = _shared_budgets_of(session, importer, trees, target, documents, imported)
    new_trees = [t for d in written for t in d.group]
    audiences, found = existing_audiences(new_trees, session.workspace.audiences, target)
    problems += found
    extended: list[ExtendedAudience] = []
    if not problems:
        for audience in audiences:
            documents[audience.file.relative_to(target).as_posix()] = audience.document
        extended = extended_audiences(new_trees, session.workspace.audiences)
        texts = {c.file.name: c.text for c in imported if c.text is not None}
        texts |= {a.file.relative_to(target).as_posix(): a.text for a in audiences}
        problems = [
            p if p.startswith(NOT_LOADING) else f"{INEXPRESSIBLE}: {p}"
            for p in importer.verify(documents, new_trees, extended, target=target, texts=texts)
        ]
    committed = [t for d in drafts if d.document is None for t in d.group]
    if not problems and committed:
        problems = [
            f"the specs do not say exactly what is live, so nothing was adopted: {p}"
            for p in importer.verify_existing(committed)
        ]
    return _Batch(documents, imported, audiences, extended, problems)


def import_campaigns(
    session: Any,
    account: str,
    *,
    campaign_ids: Sequence[str] = (),
    everything: bool = False,
    out: Path | None = None,
    links: Sequence[str] = (),
    adopt: bool = False,
) -> ImportOutcome:
    """Import live campaigns of ``account`` (see the module doc). Raises ``ImportRefused`` (nothing
    written) when a campaign named (``campaign_ids``, ``links``) cannot be imported exactly. With
    ``everything``, any other campaign that cannot (with its namesake on the other platform, and those it
    shares a budget with) is left out and listed, one that has a spec already is not written again (but
    adopted with ``adopt``, unless MIDAS manages it already), and the refusal comes only when no campaign
    was either."""
    session.accounts([account])  # unknown account: SpecError
    if not campaign_ids and not everything and not links:
        raise ImportRefused(["name the campaigns to import (--campaign ID …, --link …) or pass --all"])
    target = (out or session.root / "specs" / "imported").resolve()
    read = [(session.root / folder).resolve() for folder in SPEC_DIRS]
    if adopt and not any(target.is_relative_to(folder) for folder in read):
        # Adopted without a spec where plans read, a campaign would be MIDAS's and removed from the specs.
        folders = " or ".join(f"{folder}/" for folder in SPEC_DIRS)
        raise ImportRefused(
            [
                f"--adopt needs the files where plans read them ({folders} of {session.root}), and --out "
                f"{out} ({target}) is not in there: write them into {SPEC_DIRS[0]}/, or import without "
                "--adopt, move the files there and adopt them then"
            ]
        )
    pairs = distinct_links(links)
    platform = session.settings.accounts[account].platform
    other = META if platform == GOOGLE else GOOGLE
    counterparts = [a for a in session.accounts() if session.settings.accounts[a].platform == other]
    importer = Importer(session)
    trees = importer.live_trees([account, *counterparts])
    every_tree = [t for account_trees in trees.values() for t in account_trees]
    mine = trees.pop(account)
    wanted = list(campaign_ids) + [g if platform == GOOGLE else m for g, m in pairs]
    # A name that matches no live campaign is an error with --all too: --all imports the rest, it does not
    # make a mistyped --campaign vanish.
    chosen, missing = select(mine, wanted, importer.names_of) if wanted else (mine, [])
    if everything:
        chosen = mine
    problems = [f"no live campaign with id or name {m!r} in account {account!r}" for m in missing]
    existing = session.workspace.campaigns
    unified = importer.unified_name
    outcome = ImportOutcome([])

    def adopted_at(tree: CampaignTree, name: str) -> Address:
        """Where the campaign is once adopted: under its unified name (a read renames it there)."""
        if tree.name == name:
            return tree.address
        return Address(tree.address.platform, tree.address.account, "campaign", path_segment(name))

    def lenient(group: Sequence[CampaignTree]) -> bool:
        """Whether ``group`` may be left out: ``--all`` took it, no ``--campaign`` or ``--link`` named it."""
        return everything and not any(importer.names_of(t) & set(wanted) for t in group)

    def refused(group: Sequence[CampaignTree], name: str, reasons: Sequence[str]) -> None:
        if lenient(group):
            sources = [(t.address.platform, t.address.account, t.platform_id) for t in group]
            outcome.skipped.append(SkippedCampaign(name, sources, list(reasons)))
        else:
            problems.extend(reasons)

    groups, pair_problems = campaign_pairs(chosen, trees, pairs, unified)
    drafts: list[_Draft] = []
    # A unified campaign takes the name of its Google campaign (the first platform in the spec's order).
    names = [unified(min(g, key=lambda t: t.address.platform)) for g in groups]
    importer.learn_names(
        [t for g, name in zip(groups, names, strict=True) if name not in existing for t in g]
    )
    namesakes: dict[str, dict[Address, CampaignTree]] = {name: {} for name in names}
    for group, name in zip(groups, names, strict=True):
        namesakes[name].update((t.address, t) for t in group)
    for group, name, found in zip(groups, names, pair_problems, strict=True):
        if not found and len(alike := list(namesakes[name].values())) > len(group):
            # A spec names one campaign: the second would be a duplicate spec, or its live namesake a
            # conflict of the first's. (Namesakes of one campaign on the other platform: ``found`` says so.)
            ids = ", ".join(f"{t.address.platform} {t.platform_id}" for t in alike)
            found = [
                f"{len(alike)} live campaigns are named {name!r} ({ids}): a spec is one campaign on each "
                "platform, so MIDAS cannot tell them apart; rename all but one of each platform in the "
                "console (or pair two with --link google:ID=meta:ID), then import"
            ]
        if found:
            refused(group, name, found)
        elif name in existing:
            doc = existing[name]
            if (
                lenient(group)
                and all(importer.managed(t) for t in group)
                and not (adopt and importer.recorded_elsewhere(group))
            ):
                outcome.managed.append(name)
            elif adopt:
                sources = [(t.address.platform, t.address.account, t.platform_id) for t in group]
                addresses = [adopted_at(t, name) for t in group] + importer.shared_addresses(group)
                drafts.append(
                    _Draft(group, ImportedCampaign(name, session.root / doc.file, None, sources, addresses))
                )
            elif lenient(group):
                outcome.specified.append(name)
            else:
                problems.append(
                    f"campaign {name!r} already has a spec ({doc.source}); nothing to import "
                    "(--adopt adopts it as the spec says, if that is exactly what is live)"
                )
        else:
            views = [importer.view(t) for t in sorted(group, key=lambda t: t.address.platform)]
            document, found = unified_document(views, name)
            taken = {d.campaign.file for d in drafts if d.document is not None}
            file = fresh_file(target, slug(name), taken, found)
            if found:
                refused(group, name, found)
                continue
            campaign = ImportedCampaign(
                name,
                file,
                render_document(document, source_comment(views)),
                [(v.platform, v.account, v.campaign_id) for v in views],
                [adopted_at(t, name) for t in group] + importer.shared_addresses(group),
            )
            drafts.append(_Draft(group, campaign, document))

    def leave_out(draft: _Draft, reasons: Sequence[str]) -> None:
        drafts.remove(draft)
        refused(draft.group, draft.campaign.name, reasons)

    # A shared budget that cannot come along leaves out every campaign it funds, which may leave out
    # another budget's campaign in turn: until what is left shares no such budget.
    while budget_problems := _shared_budget_problems(
        session, importer, [t for d in drafts for t in d.group], every_tree, account
    ):
        gone = [(draft, why) for draft in drafts if (why := _funding_problems(draft.group, budget_problems))]
        for draft, reasons in gone:
            leave_out(draft, reasons)
        if not gone:  # a problem of no draft's budget (none is): never let it pass
            problems += budget_problems.values()
        if not gone or not all(lenient(draft.group) for draft, _ in gone):
            break  # a named campaign's problem: refused below
    batch = _batch(session, importer, drafts, target)
    if batch.problems and any(lenient(d.group) for d in drafts):
        # Which campaigns the problems are of: each one alone, then the rest together again.
        for draft in [d for d in drafts if lenient(d.group)]:
            alone = _batch(session, importer, [draft], target).problems
            if alone:
                leave_out(draft, alone)
        batch = _batch(session, importer, drafts, target)
    if outcome.skipped and not drafts and not outcome.specified and not outcome.managed:
        problems += [why for s in outcome.skipped for why in s.reasons]  # nothing it could do
    problems += batch.problems
    if problems:
        raise ImportRefused(list(dict.fromkeys(problems)))  # campaigns sharing a budget share its problem
    written = [d for d in drafts if d.document is not None]
    _credit(
        [d.campaign for d in written],
        [d.group for d in written],
        batch.audiences,
        batch.extended,
        session.root,
    )
    undo = _write(session.root, target, batch)
    outcome.campaigns = [*batch.imported, *(d.campaign for d in drafts if d.document is None)]
    if adopt:
        try:
            outcome.adoption, outcome.guardrails = adopt_campaigns(session, outcome.campaigns)
        except (ImportRefused, PolicyViolation):
            undo()  # refused before anything was applied: nothing imported, nothing written
            raise
    return outcome


def _write(root: Path, target: Path, batch: _Batch) -> Callable[[], None]:
    """Write ``batch``'s files (its campaigns into ``target``, its audiences, the workspace's audience specs
    it extends, under ``root``); returns what undoes it: the files and folders made removed, those edited
    put back as they were."""
    extended = sorted({root / e.file for e in batch.extended})
    before = {file: file.read_text(encoding="utf-8") for file in extended}
    written = [(c.file, c.text) for c in batch.imported] + [(a.file, a.text) for a in batch.audiences]
    folders = {missing for f in {target, *(file.parent for file, _ in written)} for missing in _missing(f)}
    for file, text in written:
        assert text is not None  # written ones all have their text
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    extend_audience_specs(root, batch.extended)

    def undo() -> None:
        for file, _ in written:
            file.unlink(missing_ok=True)
        for file, text in before.items():
            file.write_text(text, encoding="utf-8")
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()

    return undo


def _missing(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist (yet)."""
    out = []
    while not folder.exists():
        out.append(folder)
        folder = folder.parent
    return out


def _credit(
    imported: Sequence[ImportedCampaign],
    groups: Sequence[Sequence[CampaignTree]],
    audiences: Sequence[ImportedAudience],
    extended: Sequence[ExtendedAudience],
    root: Path,
) -> None:
    """List each audience written with the first imported campaign (of ``groups``, in the same order) that
    targets it, and each account added to an audience with the first that targets it on that account: what
    the command reports."""
    files = {a.name: a.file for a in audiences}
    extensions = list(extended)
    for campaign, group in zip(imported, groups, strict=True):
        targeted = targeted_audiences(group)
        for name in sorted(targeted.keys() & files.keys()):
            campaign.audiences.append((name, files.pop(name)))
        on = {(name, a.platform, a.account) for name, found in targeted.items() for a in found}
        for extension in [e for e in extensions if (e.name, e.platform, e.account) in on]:
            extensions.remove(extension)
            campaign.extended.append(
                (extension.name, extension.platform, extension.account, root / extension.file)
            )


def adopt_campaigns(session: Any, imported: Sequence[ImportedCampaign]) -> tuple[Any, list[str]]:
    """Claim the imported campaigns and apply their plan: only MIDAS's markers change, and every resource
    is recorded (the NOOPs too). Returns the apply result and what guardrails say of the campaigns as they
    run: no guardrail blocks an adoption, which changes no budget or targeting (nothing they guard); the
    plans to come hold the campaigns to them as any other. Raises ``ImportRefused`` before anything is
    applied when the plan would change more than the markers, ``PolicyViolation`` for its conflicts."""
    session.make_store()  # import opens none until it records
    session.reload()
    addresses = [a for c in imported for a in c.addresses]
    accounts = sorted({a.account for a in addresses})
    adopted = {(a.platform, a.account, a.campaign) for a in addresses if not is_shared_budget(a)}
    with session.locked(accounts):
        outcome = session.plan(accounts, adopt=addresses)
        adoption_plan(outcome.plan, adopted)
        # What the guardrails say of the campaigns as they run, though adopting adds no location to them.
        outcome = session.outcome_for(outcome.plan, as_running=True)
        beyond = [  # of the campaigns (the audiences they target may be uploaded to)
            f"{c.address}: adopting would {c.action.value} it ({', '.join(f.path for f in c.fields)}), "
            "not only mark it as MIDAS's"
            for c in outcome.plan.changes
            if c.action is not Action.NOOP and not _marks_only(c) and not is_audience(c.address)
        ]
        if beyond:
            raise ImportRefused(beyond)
        noted = sorted({v.override for v in outcome.violations})
        notes = [f"{v.message} [guardrail {v.guardrail!r}]" for v in outcome.violations]
        return session.apply(outcome, overrides=noted), notes


def _marks_only(change: Change) -> bool:
    """Whether ``change`` only adds MIDAS's marker to what is live."""
    return change.action is Action.UPDATE and all(
        f.path in MARKER_FIELDS and _only_marker(f.before, f.after) for f in change.fields
    )


__all__ = [
    "ImportOutcome",
    "ImportRefused",
    "ImportedCampaign",
    "Importer",
    "SkippedCampaign",
    "import_campaigns",
    "residuals",
]
