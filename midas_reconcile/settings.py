"""midas.yaml + environment → ``Settings`` (accounts, state URL, rate limits, webhooks).

::

    version: 1
    state: {url: sqlite:///.midas/state.db}      # or {url_env: NAME}; MIDAS_STATE_URL overrides both
    accounts:
      google-main: {platform: google, connector: sandbox, customer_id: "1234567890", currency: USD,
                    time_zone: America/New_York, access_level: standard,
                    credentials: {developer_token_env: GOOGLE_ADS_DEVELOPER_TOKEN}}
      meta-main:   {platform: meta, connector: sandbox, ad_account_id: act_1234567890, currency: USD}
    rate_limits: {google: {calls_per_second: 10, burst: 20}}
    webhooks: {ops-slack: {url_env: MIDAS_SLACK_URL, secret_env: MIDAS_WEBHOOK_SECRET, format: slack}}

Secrets are never written in midas.yaml: credentials name environment variables (``*_env``) or files
(``*_file``, relative to the workspace root). A literal value under a key that looks like a secret
(token, secret, password, api key) is rejected without echoing it, and so is a state URL with a password.
Relative SQLite paths in the state URL are relative to the workspace root.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

from annotated_types import Ge, Gt, Le
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    ValidationError,
)

from midas_reconcile.errors import AuthError, SpecError, SpecIssue
from midas_reconcile.spec._codes import time_zone_problem
from midas_reconcile.spec._describe import ValueProblem, describe, did_you_mean
from midas_reconcile.spec._errors import translate
from midas_reconcile.spec._yaml import ParsedDocument, PathKey, Pos, format_path, parse_yaml, read_text
from midas_reconcile.spec.models import CurrencyCode, Name, StrictModel, Url, int_to_text

SETTINGS_FILE: Final = "midas.yaml"
DEFAULT_STATE_URL: Final = "sqlite:///.midas/state.db"
STATE_URL_ENV: Final = "MIDAS_STATE_URL"

#: Keys whose literal values would be secrets (``*_env`` / ``*_file`` references are fine).
_SECRET_KEY = re.compile(r"token|secret|password|passwd|api[_-]?key|private[_-]?key", re.IGNORECASE)
_URL_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _matching(pattern: str, expected: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueProblem(value, f"; expected {expected}")
        return value

    return AfterValidator(check)


EnvName = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
GoogleCustomerId = Annotated[
    str,
    BeforeValidator(int_to_text),
    Strict(),
    _matching(r"\d{10}", "a Google Ads customer id of 10 digits without dashes"),
]
MetaAdAccountId = Annotated[
    str, Strict(), _matching(r"act_\d{1,20}", "a Meta ad account id such as 'act_1234567890'")
]
PageId = Annotated[
    str, BeforeValidator(int_to_text), Strict(), _matching(r"\d{1,20}", "a Facebook Page id of digits")
]
InstagramUserId = Annotated[
    str, BeforeValidator(int_to_text), Strict(), _matching(r"\d{1,20}", "an Instagram account id of digits")
]
PixelId = Annotated[
    str, BeforeValidator(int_to_text), Strict(), _matching(r"\d{1,20}", "a Meta pixel id of digits")
]
ActionType = Annotated[
    str,
    Strict(),
    _matching(
        r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*",
        "a Meta action type such as 'purchase' or 'offsite_conversion.fb_pixel_purchase'",
    ),
]
CredentialKey = Annotated[
    str,
    _matching(
        r"[a-z][a-z0-9_]*_(env|file)",
        "a name ending in '_env' (naming an environment variable) or '_file' (naming a file)",
    ),
]


class RateLimit(StrictModel):
    """A token bucket: ``calls_per_second`` refill rate and ``burst`` size (None: platform default), in
    requests as the platform counts them (each request of a Meta batch: see ``ConnectorLimits``)."""

    calls_per_second: Annotated[float, Gt(0), Le(100_000)] | None = None
    burst: Annotated[int, Strict(), Ge(1), Le(1_000_000)] | None = None


class StateSettings(StrictModel):
    """Where the state store lives: ``url`` (any SQLAlchemy URL) or ``url_env`` (a variable holding it)."""

    url: str | None = None
    url_env: EnvName | None = None


class AccountSettings(StrictModel):
    """One ad account. Google accounts have ``customer_id``; Meta accounts ``ad_account_id``.

    ``credentials`` maps ``<name>_env`` to an environment variable name and ``<name>_file`` to a file
    (absolute after loading); ``credentials_file`` is a platform credentials file (e.g. google-ads.yaml).
    """

    platform: Literal["google", "meta"]
    connector: Literal["sandbox", "google_ads", "meta_ads"] = "sandbox"
    customer_id: GoogleCustomerId | None = None
    login_customer_id: GoogleCustomerId | None = None
    ad_account_id: MetaAdAccountId | None = None
    currency: CurrencyCode
    time_zone: str = "UTC"
    access_level: Literal["explorer", "basic", "standard"] | None = None
    #: The platform API version the SDK connector speaks (Google ``v26`` alone: ``_API_VERSION``; Meta
    #: ``v26.0``).
    api_version: str | None = None
    #: Google Ads API host (``googleads.googleapis.com`` by default); for tests and proxies.
    endpoint: str | None = None
    #: Graph API base URL (``https://graph.facebook.com`` by default); for tests and proxies.
    graph_url: Url | None = None
    #: The Facebook Page Meta ads run as (required by the meta_ads connector: link ads are page posts).
    page_id: PageId | None = None
    #: The Instagram account the Page's click-to-Instagram Direct ads run as (``meta.destination:
    #: instagram``: a creative's ``object_story_spec.instagram_user_id``).
    instagram_user_id: InstagramUserId | None = None
    #: The Meta action type counted as a conversion in metrics (``purchase`` by default).
    conversion_action: ActionType | None = None
    #: The Meta pixel ad sets optimising for website conversions count on (unless a spec names another).
    pixel_id: PixelId | None = None
    credentials: dict[CredentialKey, Annotated[str, Strict()]] = Field(default_factory=dict)
    credentials_file: str | None = None

    @property
    def supplied_credentials(self) -> frozenset[str]:
        """Credential names given in memory rather than by ``credentials`` (the Python API's configs)."""
        return frozenset()

    @property
    def native_id(self) -> str:
        """The platform's id of the account (customer id or ``act_…``)."""
        return (self.customer_id if self.platform == "google" else self.ad_account_id) or ""

    def resolve_credentials(self, env: Mapping[str, str] | None = None) -> dict[str, str]:
        """Credential values by name (``developer_token`` …), read from the environment and files.

        Raises ``AuthError`` naming the missing variable or unreadable file, never a value.
        """
        env = os.environ if env is None else env
        values: dict[str, str] = {}
        for key, reference in sorted(self.credentials.items()):
            name, _, source = key.rpartition("_")
            if source == "env":
                value = env.get(reference)
                if not value:
                    raise AuthError(
                        f"credential {name!r} needs environment variable {reference}, which is not set",
                        platform=self.platform,
                        fix=f"export {reference}=… (see the README, Configuration)",
                    )
                values[name] = value
            else:
                try:
                    values[name] = Path(reference).read_text(encoding="utf-8").strip()
                except OSError as error:
                    raise AuthError(
                        f"credential {name!r}: cannot read {reference} ({error.strerror})",
                        platform=self.platform,
                        fix="create the file or correct the path in midas.yaml",
                    ) from None
        return values


class WebhookSettings(StrictModel):
    """An alert channel: exactly one of ``url`` / ``url_env``; ``secret_env`` signs the payloads."""

    url: Url | None = None
    url_env: EnvName | None = None
    secret_env: EnvName | None = None
    format: Literal["json", "slack"] = "json"


class MetricsSettings(StrictModel):
    """``midas metrics sync``: how many recent days each sync fetches again (conversions arrive late)."""

    attribution_window_days: Annotated[int, Strict(), Ge(0), Le(90)] = 7


class ReportingSettings(StrictModel):
    """``midas report``: the currency totals are shown in, exchange rates into it (units of ``currency``
    per unit of the other), and the KPI benchmarks of the efficiency score (see ``insights``)."""

    currency: CurrencyCode | None = None
    rates: dict[CurrencyCode, Annotated[Decimal, Gt(0), Le(1_000_000)]] = Field(default_factory=dict)
    benchmarks: dict[Literal["ctr", "cvr", "cpc", "roas"], Annotated[Decimal, Gt(0), Le(1_000_000)]] = Field(
        default_factory=dict
    )


class SettingsFile(StrictModel):
    """The shape of midas.yaml as written."""

    version: Literal[1] = 1
    state: StateSettings = Field(default_factory=StateSettings)
    accounts: dict[Name, AccountSettings] = Field(default_factory=dict)
    rate_limits: dict[Literal["google", "meta"], RateLimit] = Field(default_factory=dict)
    webhooks: dict[Name, WebhookSettings] = Field(default_factory=dict)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    reporting: ReportingSettings = Field(default_factory=ReportingSettings)


class Settings(BaseModel):
    """The workspace settings, resolved: absolute root, final state URL, accounts by name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    root: Path
    #: The state store URL after the environment override; may carry a password, so never in repr.
    state_url: str = Field(repr=False)
    accounts: dict[str, AccountSettings] = Field(default_factory=dict)
    rate_limits: dict[str, RateLimit] = Field(default_factory=dict)
    webhooks: dict[str, WebhookSettings] = Field(default_factory=dict)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    reporting: ReportingSettings = Field(default_factory=ReportingSettings)
    _accounts_pos: Pos = PrivateAttr(default=(1, 1))

    @property
    def state_url_for_display(self) -> str:
        """``state_url`` with any password replaced by ``***``."""
        return mask_url(self.state_url)

    def account(self, name: str) -> AccountSettings:
        """The account called ``name``; ``SpecError`` listing the known names (with a suggestion) if none."""
        account = self.accounts.get(name)
        if account is None:
            known = sorted(self.accounts)
            message = (
                f"unknown account {name!r}{did_you_mean(name, known)} "
                f"(accounts in {SETTINGS_FILE}: {', '.join(known) or 'none'})"
            )
            raise SpecError([SpecIssue(SETTINGS_FILE, *self._accounts_pos, "accounts", message)])
        return account


def mask_url(url: str) -> str:
    """A URL safe to print: the password, if any, replaced by ``***``."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<unparseable URL>"
    if not password:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def resolve_state_url(url: str, root: Path) -> str:
    """Make a relative SQLite path absolute under ``root``; other URLs are returned unchanged."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.split("+")[0].lower() != "sqlite" or not rest.startswith("/"):
        return url
    path, question, query = rest[1:].partition("?")
    if path in ("", ":memory:") or path.startswith("file:"):
        return url
    absolute = Path(path) if Path(path).is_absolute() else root / path
    return f"{scheme}:///{absolute.as_posix()}{question}{query}"


def _redact(path: PathKey) -> bool:
    return (
        "credentials" in path or (path[:1] == ("webhooks",) and "url" in path) or path[:2] == ("state", "url")
    )


def _secret_issues(value: Any, path: PathKey, doc: ParsedDocument) -> list[SpecIssue]:
    """Literal secrets anywhere in the file (reported at the key, value never shown)."""
    found: list[SpecIssue] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            here = (*path, key)
            literal = inner is not None and not isinstance(inner, dict | list)
            if literal and _SECRET_KEY.search(key) and not key.endswith(("_env", "_file")):
                line, column = doc.key_pos(here)
                message = (
                    f"inline secret {key!r} is not allowed (value not shown); keep it in an environment "
                    f"variable and write '{key}_env: VARIABLE_NAME' (or '{key}_file: path')"
                )
                found.append(SpecIssue(SETTINGS_FILE, line, column, format_path(here), message))
                doc.reported.add(here)
            else:
                found.extend(_secret_issues(inner, here, doc))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(_secret_issues(inner, (*path, index), doc))
    return found


#: Keys that belong to one platform's accounts only.
_PLATFORM_KEYS: Final = {
    "google": ("customer_id", "login_customer_id", "access_level", "endpoint"),
    "meta": ("ad_account_id", "graph_url", "conversion_action", "page_id", "instagram_user_id", "pixel_id"),
}
#: The API versions each SDK connector can speak. google-ads 34 ships v23–v26, but MIDAS's queries and writes
#: use v26's field names: v23–v25 name an ad group's booking bid modifiers hotel_check_in_day,
#: hotel_length_of_stay … (v2x resources/ad_group_bid_modifier.py), so the API refuses a read of them
#: (QueryError.UNRECOGNIZED_FIELD). Graph API vNN.0. The sandbox simulates v26 alone, whatever the setting:
#: it is refused there too (``_API_VERSION_WHY``), so that a sandbox account's settings hold on google_ads.
_API_VERSION: Final = {
    "google": (
        re.compile(r"v26"),
        "v26, the Google Ads API version MIDAS speaks: its queries and writes use v26 field names "
        "(ad_group_bid_modifier.start_day_of_week …, which v25 and earlier name hotel_check_in_day …)",
    ),
    "meta": (re.compile(r"v\d{2}\.0"), "a Graph API version such as 'v26.0'"),
}
#: Connector → what another Google API version would do there (the tail of its refusal).
_API_VERSION_WHY: Final = {
    "google_ads": ", so this account would fail its reads; remove api_version or set v26",
    "sandbox": (
        "; the sandbox simulates v26 alone, so it reads no differently, but on connector google_ads the "
        "account would fail its reads; remove api_version or set v26"
    ),
}
_ACCOUNT_ID: Final = {"google": "customer_id", "meta": "ad_account_id"}
_NATIVE_CONNECTOR: Final = {"google": "google_ads", "meta": "meta_ads"}


def _account_issues(name: str, account: AccountSettings) -> list[tuple[PathKey, str, bool]]:
    """Rules across an account's fields (platform ↔ connector ↔ id keys, time zone).

    Each problem is ``(path, message, at the key rather than the value)``.
    """
    base: PathKey = ("accounts", name)
    platform = account.platform
    problems: list[tuple[PathKey, str, bool]] = []
    native = _NATIVE_CONNECTOR[platform]
    if account.connector not in ("sandbox", native):
        message = f"found {account.connector!r}; expected 'sandbox' or {native!r} for a {platform} account"
        problems.append(((*base, "connector"), message, False))
    if getattr(account, _ACCOUNT_ID[platform]) is None:
        problems.append(
            (base, f"missing required key {_ACCOUNT_ID[platform]!r} for a {platform} account", True)
        )
    for other, keys in _PLATFORM_KEYS.items():
        for key in keys:
            if other != platform and getattr(account, key) is not None:
                problems.append(((*base, key), f"{key!r} applies only to {other} accounts; remove it", True))
    if platform == "meta" and account.connector == "meta_ads" and account.page_id is None:
        message = "missing required key 'page_id' for a meta_ads account (the Facebook Page its ads run as)"
        problems.append((base, message, True))
    if account.api_version is not None:
        pattern, expected = _API_VERSION[platform]
        if platform == "google":
            expected += _API_VERSION_WHY.get(account.connector, "")
        if not pattern.fullmatch(account.api_version):
            problems.append(
                ((*base, "api_version"), f"found {describe(account.api_version)}; expected {expected}", False)
            )
    tail = time_zone_problem(account.time_zone)
    if tail:
        problems.append(((*base, "time_zone"), f"found {describe(account.time_zone)}{tail}", False))
    return problems


def _resolve_paths(account: AccountSettings, root: Path) -> AccountSettings:
    def absolute(value: str) -> str:
        return str(Path(value) if Path(value).is_absolute() else root / value)

    credentials = {k: absolute(v) if k.endswith("_file") else v for k, v in account.credentials.items()}
    file = absolute(account.credentials_file) if account.credentials_file else None
    return account.model_copy(update={"credentials": credentials, "credentials_file": file})


def _state_url(
    parsed: SettingsFile, doc: ParsedDocument, env: Mapping[str, str], root: Path
) -> tuple[str, list[SpecIssue]]:
    def issue(path: PathKey, message: str) -> list[SpecIssue]:
        line, column = doc.value_pos(path) if path else (1, 1)
        return [SpecIssue(SETTINGS_FILE, line, column, format_path(path) or STATE_URL_ENV, message)]

    state = parsed.state
    where: PathKey
    if state.url is not None and state.url_env is not None:
        return "", issue(("state", "url_env"), "'url' and 'url_env' cannot both be set; expected one of them")
    if env.get(STATE_URL_ENV):
        url, where, origin = env[STATE_URL_ENV], (), STATE_URL_ENV
    elif state.url_env is not None:
        if not env.get(state.url_env):
            return "", issue(
                ("state", "url_env"),
                f"environment variable {state.url_env} is not set; expected it to hold the state URL",
            )
        url, where, origin = env[state.url_env], ("state", "url_env"), state.url_env
    else:
        url, where, origin = (state.url or DEFAULT_STATE_URL, ("state", "url"), "state.url")
        if state.url is not None and _has_password(state.url):
            return "", issue(
                where,
                "the URL carries a password (not shown); put the whole URL in "
                f"{STATE_URL_ENV} or name a variable with 'url_env'",
            )
    if not _URL_SHAPE.match(url):
        return "", issue(
            where, f"{origin} is not a database URL (value not shown); expected e.g. {DEFAULT_STATE_URL}"
        )
    return resolve_state_url(url, root), []


def _has_password(url: str) -> bool:
    try:
        return bool(urlsplit(url).password)
    except ValueError:
        return False


def load_settings(root: Path, *, env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate ``<root>/midas.yaml``; ``env`` replaces ``os.environ`` (for tests).

    Raises ``SpecError`` listing every problem with ``midas.yaml:line:column``; secret values are never
    part of a message.
    """
    env = os.environ if env is None else env
    root = Path(root).resolve()
    path = root / SETTINGS_FILE
    missing = (
        f"no {SETTINGS_FILE} in {root}; expected the workspace settings (accounts, state URL), see the README"
    )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError([SpecIssue(SETTINGS_FILE, 1, 1, "", missing)]) from None
    except OSError as error:
        raise SpecError(
            [SpecIssue(SETTINGS_FILE, 1, 1, "", f"cannot read the file: {error.strerror}")]
        ) from None
    text, issues = read_text(raw, SETTINGS_FILE)
    documents, parse_issues = parse_yaml(text, SETTINGS_FILE) if text is not None else ([], [])
    issues += parse_issues
    if issues:
        raise SpecError(issues)
    if len(documents) > 1:
        line, column = documents[1].start
        raise SpecError(
            [SpecIssue(SETTINGS_FILE, line, column, "", "found several YAML documents; expected one")]
        )
    doc = documents[0] if documents else ParsedDocument(data={}, start=(1, 1))
    if not isinstance(doc.data, dict):
        raise SpecError(
            [SpecIssue(SETTINGS_FILE, *doc.start, "", f"found {describe(doc.data)}; expected a mapping")]
        )
    issues = _secret_issues(doc.data, (), doc)
    try:
        parsed = SettingsFile.model_validate(doc.data)
    except ValidationError as error:
        raise SpecError(issues + translate(error, doc, SETTINGS_FILE, (), SettingsFile, _redact)) from None
    for name, account in parsed.accounts.items():
        for where, message, at_key in _account_issues(name, account):
            line, column = doc.key_pos(where) if at_key else doc.value_pos(where)
            issues.append(SpecIssue(SETTINGS_FILE, line, column, format_path(where), message))
    for name, hook in parsed.webhooks.items():
        if (hook.url is None) == (hook.url_env is None):
            where = ("webhooks", name)
            issues.append(
                SpecIssue(
                    SETTINGS_FILE,
                    *doc.key_pos(where),
                    format_path(where),
                    f"found {'both' if hook.url else 'neither'}; expected exactly one of 'url' or 'url_env'",
                )
            )
    state_url, state_issues = _state_url(parsed, doc, env, root)
    issues += state_issues
    if issues:
        raise SpecError(issues)
    settings = Settings(
        root=root,
        state_url=state_url,
        accounts={name: _resolve_paths(parsed.accounts[name], root) for name in sorted(parsed.accounts)},
        rate_limits={name: parsed.rate_limits[name] for name in sorted(parsed.rate_limits)},
        webhooks={name: parsed.webhooks[name] for name in sorted(parsed.webhooks)},
        metrics=parsed.metrics,
        reporting=parsed.reporting,
    )
    settings._accounts_pos = doc.key_pos(("accounts",))
    return settings
