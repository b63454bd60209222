"""The workspace loader: specs/ and policies/ → a typed, validated ``Workspace``, or one ``SpecError``.

Every ``*.yaml`` / ``*.yml`` file under ``specs/`` and ``policies/`` is read (recursively, in sorted path
order; hidden files and folders are skipped), each multi-document file document by document. All problems
of the whole workspace — YAML syntax, the document envelope, field types, cross-field rules, references
between documents and to midas.yaml — are collected and raised together, each with ``file:line:column``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from midas_reconcile import settings as _settings
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.gcpause import gc_paused
from midas_reconcile.spec import checks
from midas_reconcile.spec._describe import ValueProblem, describe, did_you_mean
from midas_reconcile.spec._errors import translate, unknown_key_message
from midas_reconcile.spec._yaml import ParsedDocument, PathKey, Pos, format_path, parse_yaml, read_text
from midas_reconcile.spec.models import (
    AlertRuleSpec,
    AudienceSpec,
    BudgetPolicySpec,
    CampaignSpec,
    GuardrailSpec,
    Metadata,
    SharedBudgetSpec,
)

if TYPE_CHECKING:
    from midas_reconcile.settings import Settings

API_VERSION: Final = "midas/v1"
#: Kind → spec model, in the order kinds are listed to users.
KINDS: Final[dict[str, type[BaseModel]]] = {
    "Campaign": CampaignSpec,
    "SharedBudget": SharedBudgetSpec,
    "BudgetPolicy": BudgetPolicySpec,
    "Guardrail": GuardrailSpec,
    "AlertRule": AlertRuleSpec,
    "Audience": AudienceSpec,
}
ENVELOPE_KEYS: Final = ("apiVersion", "kind", "metadata", "spec")
SPEC_DIRS: Final = ("specs", "policies")

_CHECKS: Final[dict[str, Any]] = {
    "Campaign": checks.check_campaign,
    "SharedBudget": checks.check_shared_budget,
    "BudgetPolicy": checks.check_budget_policy,
    "Guardrail": checks.check_guardrail,
    "AlertRule": checks.check_alert_rule,
    "Audience": checks.check_audience,
}

SpecT = TypeVar("SpecT", bound=BaseModel)


SpecIssuePosition = tuple[int, int]


@dataclass(frozen=True)
class Document(Generic[SpecT]):
    """One validated document. ``file`` is relative to the workspace root (POSIX separators), ``line``
    1-based; ``digest`` is the SHA-256 of its canonical JSON (defaults filled in, so formatting, key order
    and comments do not change it)."""

    kind: str
    metadata: Metadata
    spec: SpecT
    file: str
    line: int
    digest: str

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def source(self) -> str:
        """``file:line`` of the document, for messages and ``Resource.source``."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Workspace:
    """Everything under one root, validated. Each mapping is keyed by document name, in name order."""

    root: Path
    settings: Settings
    campaigns: dict[str, Document[CampaignSpec]]
    budget_policies: dict[str, Document[BudgetPolicySpec]]
    guardrails: dict[str, Document[GuardrailSpec]]
    alert_rules: dict[str, Document[AlertRuleSpec]]
    audiences: dict[str, Document[AudienceSpec]]
    #: Google shared budgets (kind ``SharedBudget``), by name.
    shared_budgets: dict[str, Document[SharedBudgetSpec]]

    def documents(self) -> Iterator[Document[Any]]:
        """Every document, kind by kind (the order of ``KINDS``), then by name."""
        for group in (
            self.campaigns,
            self.shared_budgets,
            self.budget_policies,
            self.guardrails,
            self.alert_rules,
            self.audiences,
        ):
            yield from group.values()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 50.00 and 50 are the same amount
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def document_digest(kind: str, metadata: Metadata, spec: BaseModel) -> str:
    """SHA-256 of a document's canonical JSON: sorted keys, defaults filled in, decimals normalised,
    so formatting, key order, comments and ``50.00`` vs ``50`` do not change it."""
    envelope = {
        "apiVersion": API_VERSION,
        "kind": kind,
        "metadata": metadata.model_dump(),
        "spec": spec.model_dump(),
    }
    # Enums are str subclasses and serialise as their values; json's C encoder does the walking.
    text = json.dumps(
        envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Declared:
    file: str
    pos: Pos
    document: Document[Any] | None


@dataclass(frozen=True)
class _PendingReference:
    file: str
    pos: Pos
    reference: checks.Reference


def _as_written(doc: ParsedDocument, path: PathKey, problem: str | ValueProblem) -> str:
    if isinstance(problem, str):
        return problem
    found, written = doc.value_at(path)
    return ValueProblem(written if found else problem.value, problem.tail).render(hidden=False)


class _WorkspaceLoader:
    def __init__(self, root: Path, context: checks.Context) -> None:
        self.root = root
        self.context = context
        self.issues: list[SpecIssue] = []
        self.declared: dict[str, dict[str, _Declared]] = {kind: {} for kind in KINDS}
        self.pending: list[_PendingReference] = []

    def issue(self, file: str, pos: Pos, path: PathKey, message: str) -> None:
        self.issues.append(SpecIssue(file, pos[0], pos[1], format_path(path), message))

    def files(self) -> list[Path]:
        found: list[Path] = []
        for folder in SPEC_DIRS:
            base = self.root / folder
            if not base.is_dir():
                continue
            for path in base.rglob("*"):
                relative = path.relative_to(self.root)
                hidden = any(part.startswith(".") for part in relative.parts)
                if path.suffix in (".yaml", ".yml") and not hidden and path.is_file():
                    found.append(path)
        return sorted(found, key=lambda p: p.relative_to(self.root).as_posix())

    def load_file(self, path: Path) -> None:
        file = path.relative_to(self.root).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as error:
            self.issues.append(SpecIssue(file, 1, 1, "", f"cannot read the file: {error.strerror}"))
            return
        self.load_source(raw, file)

    def load_source(self, raw: bytes, file: str) -> None:
        text, problems = read_text(raw, file)
        self.issues.extend(problems)
        if text is None:
            return
        documents, problems = parse_yaml(text, file)
        self.issues.extend(problems)
        for doc in documents:
            self.load_document(doc, file)

    def load_document(self, doc: ParsedDocument, file: str) -> None:
        """Validate one document; register it under its kind and name when the envelope allows."""
        if not isinstance(doc.data, dict):
            self.issue(
                file, doc.start, (), f"found {describe(doc.data)}; expected a mapping with {_envelope()}"
            )
            return
        before = len(self.issues)
        kind = self.envelope(doc, file)
        metadata = self.validate(doc, file, "metadata", Metadata)
        spec_model = KINDS.get(kind) if kind else None
        spec = self.validate(doc, file, "spec", spec_model) if spec_model else None
        missing = checks.missing_budget(doc.data.get("spec")) if kind == "Campaign" else None
        if missing and ("spec",) not in doc.reported:
            self.issue(file, doc.key_pos(("spec",)), ("spec", "budget"), missing)
        if not isinstance(metadata, Metadata) or kind is None:
            return
        entry = self.declare(doc, file, kind, metadata.name)
        if entry is None or spec is None:
            return
        findings = _CHECKS[kind](spec, self.context)
        for path, problem in findings.problems:
            self.issue(file, doc.node_pos(path), path, _as_written(doc, path, problem))
        for reference in findings.references:
            self.pending.append(_PendingReference(file, doc.value_pos(reference.path), reference))
        if len(self.issues) == before:
            digest = document_digest(kind, metadata, spec)
            entry.document = Document(kind, metadata, spec, file, doc.start[0], digest)

    def envelope(self, doc: ParsedDocument, file: str) -> str | None:
        """Check apiVersion, kind and the top-level keys; the kind if it is a known one."""
        data: dict[str, Any] = doc.data
        for key in data:
            if key not in ENVELOPE_KEYS and (key,) not in doc.reported:
                self.issue(file, doc.key_pos((key,)), (key,), unknown_key_message(key, ENVELOPE_KEYS))
        missing = [key for key in ENVELOPE_KEYS if key not in data]
        if missing:
            keys = ", ".join(repr(key) for key in missing)
            plural = "s" if len(missing) > 1 else ""
            self.issue(file, doc.start, (), f"missing required key{plural} {keys}; expected {_envelope()}")
        version = data.get("apiVersion", API_VERSION)
        if version != API_VERSION and ("apiVersion",) not in doc.reported:
            where = doc.value_pos(("apiVersion",))
            self.issue(file, where, ("apiVersion",), f"found {describe(version)}; expected {API_VERSION!r}")
        kind = data.get("kind")
        if isinstance(kind, str) and kind in KINDS:
            return kind
        if "kind" in data and ("kind",) not in doc.reported:
            hint = did_you_mean(kind, KINDS) if isinstance(kind, str) else ""
            message = f"found {describe(kind)}; expected one of {', '.join(KINDS)}{hint}"
            self.issue(file, doc.value_pos(("kind",)), ("kind",), message)
        return None

    def declare(self, doc: ParsedDocument, file: str, kind: str, name: str) -> _Declared | None:
        """Register ``name`` for ``kind``; None (and an issue naming both places) if it is taken."""
        name_pos = doc.value_pos(("metadata", "name"))
        declared = self.declared[kind]
        first = declared.get(name)
        if first is not None:
            where = f"{first.file}:{first.pos[0]}:{first.pos[1]}"
            message = f"duplicate {kind} name {name!r}; first defined at {where}"
            self.issue(file, name_pos, ("metadata", "name"), message)
            return None
        declared[name] = _Declared(file, name_pos, None)
        return declared[name]

    def validate(self, doc: ParsedDocument, file: str, key: str, model: type[BaseModel]) -> BaseModel | None:
        """``doc.data[key]`` as ``model``; None (issues recorded) if absent or invalid."""
        if key not in doc.data or (key,) in doc.reported:
            return None
        try:
            return model.model_validate(doc.data[key])
        except ValidationError as error:
            self.issues.extend(translate(error, doc, file, (key,), model))
            return None

    def resolve_references(self) -> None:
        for pending in self.pending:
            ref = pending.reference
            field = format_path(ref.path)
            declared = self.declared[ref.kind]
            target = declared.get(ref.name)
            if target is None:
                known = sorted(declared)
                self.issues.append(
                    SpecIssue(
                        pending.file,
                        *pending.pos,
                        field,
                        f"unknown {ref.kind} {ref.name!r}{did_you_mean(ref.name, known)} "
                        f"(defined: {', '.join(known) or 'none'})",
                    )
                )
            elif ref.uploaded_to and target.document is not None:
                problem = _not_uploaded(ref, target.document.spec)
                if problem:
                    self.issues.append(SpecIssue(pending.file, *pending.pos, field, problem))
            elif ref.account and target.document is not None and target.document.spec.account != ref.account:
                self.issues.append(
                    SpecIssue(
                        pending.file,
                        *pending.pos,
                        field,
                        f"{ref.kind} {ref.name!r} is in account {target.document.spec.account!r}; expected "
                        f"account {ref.account!r}, the campaign's Google account",
                    )
                )
            elif ref.currency and target.document is not None:
                policy_currency = target.document.spec.currency
                if policy_currency != ref.currency:
                    self.issues.append(
                        SpecIssue(
                            pending.file,
                            *pending.pos,
                            field,
                            f"{ref.kind} {ref.name!r} budgets in {policy_currency}; expected {ref.currency}, "
                            "the currency of this campaign",
                        )
                    )

    def workspace(self, settings: Settings) -> Workspace:
        def documents(kind: str) -> dict[str, Any]:
            entries = self.declared[kind]
            return {name: entries[name].document for name in sorted(entries)}

        return Workspace(
            root=self.root,
            settings=settings,
            campaigns=documents("Campaign"),
            budget_policies=documents("BudgetPolicy"),
            guardrails=documents("Guardrail"),
            alert_rules=documents("AlertRule"),
            audiences=documents("Audience"),
            shared_budgets=documents("SharedBudget"),
        )


def _not_uploaded(ref: checks.Reference, audience: Any) -> str | None:
    """Why the audience a campaign targets cannot be targeted where the campaign runs (None: it can): a
    customer list must be uploaded to each of its accounts, an existing audience found on each."""
    if audience.customer_list is None and not audience.existing:
        return (
            f"audience {ref.name!r} is a targeting audience; expected a customer_list or existing audience "
            "(copy a targeting audience's fields into the campaign's targeting instead)"
        )
    listed = {(p, a) for p, a, _ in audience.platforms.located()} if audience.platforms else set()
    missing = [
        f"{platform} account {account!r}"
        for platform, account in ref.uploaded_to
        if (platform, account) not in listed
    ]
    if not missing:
        return None
    where = "listed with" if audience.existing else "uploaded to"
    return (
        f"audience {ref.name!r} is not {where} {', '.join(missing)}; expected its spec.platforms to "
        "name every account this targeting runs on"
    )


def _envelope() -> str:
    return "'apiVersion: midas/v1', 'kind', 'metadata' and 'spec'"


def locate(root: Path, document: Document[Any], path: Sequence[str | int]) -> SpecIssuePosition:
    """``(line, column)`` of ``path`` (e.g. ``("spec", "targeting", "interests")``) in ``document``.

    For problems found after loading (the compiler's): positions are not kept for every document of a
    large workspace, so the file is read again, on this error path only. Falls back to the document's
    start when the file changed or the path is absent.
    """
    return locate_written(root, document, path)[0]


def locate_written(
    root: Path, document: Document[Any], path: Sequence[str | int]
) -> tuple[SpecIssuePosition, object | None]:
    """``locate``, and the value at ``path`` as the file writes it (None when absent): what a problem
    found after loading quotes, rather than the model's normalised value (``de-zz``, not ``DE-ZZ``)."""
    try:
        text, _ = read_text((root / document.file).read_bytes(), document.file)
    except OSError:
        return (document.line, 1), None
    if text is None:
        return (document.line, 1), None
    parsed, _ = parse_yaml(text, document.file)
    for doc in parsed:
        if doc.start[0] == document.line:
            return doc.node_pos(tuple(path)), doc.value_at(tuple(path))[1]
    return (document.line, 1), None


def load_workspace(
    root: Path,
    *,
    env: Mapping[str, str] | None = None,
    pending: Mapping[str, str] | None = None,
    replacing: Mapping[str, str] | None = None,
) -> Workspace:
    """Read midas.yaml, specs/ and policies/ under ``root``; validate everything.

    ``env`` replaces ``os.environ`` for settings (``MIDAS_STATE_URL`` …). ``pending`` maps paths relative
    to ``root`` (``specs/x.yaml``) to YAML text not written yet, validated as if it were (the Python API
    writes a document only once the workspace with it passes); a path that exists already is a problem.
    ``replacing`` maps existing files to the text that stands in for theirs (``midas mirror`` checks an
    edit before writing it).
    Raises ``SpecError`` with every problem of the workspace (never any other exception for bad input).
    """
    root = Path(root).resolve()
    settings: Settings | None = None
    issues: list[SpecIssue] = []
    try:
        settings = _settings.load_settings(root, env=env)
    except SpecError as error:
        issues.extend(error.issues)
    context = checks.Context(
        accounts=settings.accounts if settings else None,
        webhooks=settings.webhooks if settings else None,
        root=root,
    )
    loader = _WorkspaceLoader(root, context)
    with gc_paused():
        for path in loader.files():
            relative = path.relative_to(root).as_posix()
            if replacing and relative in replacing:
                loader.load_source(replacing[relative].encode("utf-8"), relative)
            else:
                loader.load_file(path)
        for file, text in sorted((pending or {}).items()):
            if (root / file).exists():
                loader.issue(file, (1, 1), (), "the file exists already; expected a new file")
            else:
                loader.load_source(text.encode("utf-8"), file)
    loader.resolve_references()
    issues.extend(loader.issues)
    if issues or settings is None:
        raise SpecError(issues)
    return loader.workspace(settings)
