"""midas.yaml: accounts, state URL (with the environment override), rate limits, webhooks, secrets."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from midas_reconcile.errors import AuthError, SpecError, SpecIssue
from midas_reconcile.settings import (
    DEFAULT_STATE_URL,
    STATE_URL_ENV,
    Settings,
    load_settings,
    mask_url,
    resolve_state_url,
)

REPO = Path(__file__).resolve().parents[1]

GOOGLE = '  google-main: {platform: google, customer_id: "1234567890", currency: USD}\n'
META = "  meta-main: {platform: meta, ad_account_id: act_1234567890, currency: USD}\n"
MINIMAL = "version: 1\naccounts:\n" + GOOGLE + META
#: A Google account left open for one more field (close it with "}").
G_ACCOUNT = "accounts:\n  g: {platform: google, customer_id: '1234567890', currency: USD"


def at(text: str, line: int, token: str) -> tuple[int, int]:
    """``(line, column)`` of the first ``token`` on ``line`` of ``text`` (1-based; empty token: column 1)."""
    source = [*text.splitlines(), ""][line - 1]
    assert token in source, f"{token!r} is not on line {line}: {source!r}"
    return line, source.index(token) + 1


def load(root: Path, text: str, env: dict[str, str] | None = None) -> Settings:
    (root / "midas.yaml").write_text(text, encoding="utf-8")
    return load_settings(root, env=env or {})


def problems(root: Path, text: str, env: dict[str, str] | None = None) -> list[SpecIssue]:
    with pytest.raises(SpecError) as caught:
        load(root, text, env)
    return caught.value.issues


def test_example_settings(tmp_path: Path) -> None:
    settings = load_settings(REPO, env={})
    assert settings.root == REPO
    assert settings.state_url == f"sqlite:///{REPO.as_posix()}/.midas/state.db"
    google, meta = settings.account("google-main"), settings.account("meta-main")
    assert (google.platform, google.connector, google.customer_id, google.currency) == (
        "google",
        "sandbox",
        "1234567890",
        "USD",
    )
    assert (google.time_zone, google.access_level, google.native_id) == (
        "America/New_York",
        "standard",
        "1234567890",
    )
    assert (meta.platform, meta.ad_account_id, meta.native_id, meta.access_level) == (
        "meta",
        "act_1234567890",
        "act_1234567890",
        None,
    )
    assert settings.rate_limits == {} and settings.webhooks == {}


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        (None, {}, "sqlite:///{root}/.midas/state.db"),
        ("sqlite:///data/state.db", {}, "sqlite:///{root}/data/state.db"),
        ("sqlite:////var/lib/midas.db", {}, "sqlite:////var/lib/midas.db"),
        ("sqlite:///:memory:", {}, "sqlite:///:memory:"),
        ("sqlite+pysqlite:///s.db?timeout=5", {}, "sqlite+pysqlite:///{root}/s.db?timeout=5"),
        (
            "sqlite:///a.db",
            {STATE_URL_ENV: "postgresql+psycopg://u:pw@127.0.0.1:5432/midas"},
            "postgresql+psycopg://u:pw@127.0.0.1:5432/midas",
        ),
        (None, {STATE_URL_ENV: "sqlite:///other.db"}, "sqlite:///{root}/other.db"),
        (None, {STATE_URL_ENV: ""}, "sqlite:///{root}/.midas/state.db"),
    ],
    ids=[
        "default",
        "relative",
        "absolute",
        "memory",
        "driver-and-query",
        "env-overrides",
        "env-relative",
        "env-empty",
    ],
)
def test_state_url_resolution(
    tmp_path: Path, configured: str | None, env: dict[str, str], expected: str
) -> None:
    state = f"state: {{url: '{configured}'}}\n" if configured else ""
    settings = load(tmp_path, MINIMAL + state, env)
    assert settings.state_url == expected.format(root=tmp_path.resolve().as_posix())


def test_state_url_from_a_named_variable(tmp_path: Path) -> None:
    text = MINIMAL + "state: {url_env: MY_DB}\n"
    assert load(tmp_path, text, {"MY_DB": "postgresql://db/x"}).state_url == "postgresql://db/x"
    [issue] = problems(tmp_path, text)
    assert (issue.line, issue.column, issue.field) == (*at(text, 5, "MY_DB"), "state.url_env")
    assert "environment variable MY_DB is not set" in issue.message


def test_password_in_state_url_is_rejected_without_echo(tmp_path: Path) -> None:
    text = MINIMAL + "state: {url: 'postgresql://midas:hunter2@db/midas'}\n"
    [issue] = problems(tmp_path, text)
    assert (issue.line, issue.column, issue.field) == (*at(text, 5, "'postgresql"), "state.url")
    assert "password (not shown)" in issue.message and "hunter2" not in str(issue)


def test_state_url_never_in_repr_and_masked_for_display(tmp_path: Path) -> None:
    settings = load(tmp_path, MINIMAL, {STATE_URL_ENV: "postgresql://midas:hunter2@db/midas"})
    assert "hunter2" not in repr(settings)
    assert settings.state_url_for_display == "postgresql://midas:***@db/midas"
    assert mask_url("sqlite:///x.db") == "sqlite:///x.db"


def test_resolve_state_url_leaves_other_urls_alone() -> None:
    assert resolve_state_url("postgresql://h/db", Path("/w")) == "postgresql://h/db"
    assert resolve_state_url("sqlite://", Path("/w")) == "sqlite://"


@pytest.mark.parametrize(
    ("account", "field", "secret"),
    [
        (
            "credentials: {developer_token: abc123SECRET}",
            "accounts.g.credentials.developer_token",
            "abc123SECRET",
        ),
        ("api_key: abc123SECRET", "accounts.g.api_key", "abc123SECRET"),
        (
            "credentials: {client_secret: 'abc123SECRET'}",
            "accounts.g.credentials.client_secret",
            "abc123SECRET",
        ),
        ("password: 12345678", "accounts.g.password", "12345678"),
    ],
    ids=["token", "api-key", "client-secret", "numeric-password"],
)
def test_inline_secret_is_rejected_without_echoing_it(
    tmp_path: Path, account: str, field: str, secret: str
) -> None:
    text = f'accounts:\n  g: {{platform: google, customer_id: "1234567890", currency: USD, {account}}}\n'
    found = problems(tmp_path, text)
    assert [i.field for i in found] == [field]
    assert "inline secret" in found[0].message and "_env: VARIABLE_NAME" in found[0].message
    assert all(secret not in str(i) for i in found)


def test_secret_references_are_accepted_and_resolved(tmp_path: Path) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "token.txt").write_text("file-token\n", encoding="utf-8")
    text = (
        "accounts:\n  g:\n    platform: google\n    connector: google_ads\n    customer_id: 1234567890\n"
        "    currency: USD\n    credentials:\n      developer_token_env: DEV_TOKEN\n"
        "      refresh_token_file: secrets/token.txt\n    credentials_file: google-ads.yaml\n"
    )
    account = load(tmp_path, text).account("g")
    assert account.customer_id == "1234567890"
    assert account.credentials_file == str(tmp_path.resolve() / "google-ads.yaml")
    assert account.resolve_credentials({"DEV_TOKEN": "env-token"}) == {
        "developer_token": "env-token",
        "refresh_token": "file-token",
    }
    with pytest.raises(AuthError) as caught:
        account.resolve_credentials({})
    assert "DEV_TOKEN" in str(caught.value) and "export DEV_TOKEN" in caught.value.fix


def test_unknown_account_lists_known_names_with_a_suggestion(tmp_path: Path) -> None:
    settings = load(tmp_path, MINIMAL)
    with pytest.raises(SpecError) as caught:
        settings.account("gogle-main")
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.field) == ("midas.yaml", 2, 1, "accounts")
    assert issue.message == (
        "unknown account 'gogle-main'; did you mean 'google-main'? "
        "(accounts in midas.yaml: google-main, meta-main)"
    )


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_settings(tmp_path, env={})
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column) == ("midas.yaml", 1, 1)
    assert issue.message.startswith(f"no midas.yaml in {tmp_path.resolve()}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            G_ACCOUNT + ", connector: meta_ads}\n",
            [(2, "meta_ads", "accounts.g.connector", "found 'meta_ads'; expected 'sandbox' or 'google_ads'")],
        ),
        (
            "accounts:\n  g: {platform: google, currency: USD}\n",
            [(2, "g:", "accounts.g", "missing required key 'customer_id' for a google account")],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: act_1, "
            "customer_id: '1234567890', currency: USD}\n",
            [(2, "customer_id", "accounts.m.customer_id", "'customer_id' applies only to google accounts")],
        ),
        (
            "accounts:\n  g: {platform: google, customer_id: '123-456-7890', currency: USD}\n",
            [
                (
                    2,
                    "'123-",
                    "accounts.g.customer_id",
                    "expected a Google Ads customer id of 10 digits without dashes",
                )
            ],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: '1234', currency: USD}\n",
            [
                (
                    2,
                    "'1234'",
                    "accounts.m.ad_account_id",
                    "expected a Meta ad account id such as 'act_1234567890'",
                )
            ],
        ),
        (
            "accounts:\n  g: {platform: gogle, customer_id: '1234567890', currency: USD}\n",
            [(2, "gogle", "accounts.g.platform", "did you mean 'google'?")],
        ),
        (
            "accounts:\n  g: {platform: google, customer_id: '1234567890', "
            "currency: usd, access_level: premium}\n",
            [
                (2, "usd", "accounts.g.currency", "expected an ISO 4217 currency code such as 'USD'"),
                (2, "premium", "accounts.g.access_level", "expected one of 'explorer', 'basic', 'standard'"),
            ],
        ),
        (
            "accounts:\n  g: {platform: google, customer_id: '1234567890', currency: USD, time_zone: Mars}\n",
            [(2, "Mars", "accounts.g.time_zone", "expected an IANA time zone")],
        ),
        (
            "accounts:\n  Google Main: {platform: google, customer_id: '1234567890', currency: USD}\n",
            [(2, "Google", "accounts.Google Main", "expected a name of lower-case letters")],
        ),
        (
            G_ACCOUNT + ", credentials: {token: X}}\n",
            [(2, "token", "accounts.g.credentials.token", "inline secret 'token'")],
        ),
        (
            G_ACCOUNT + ", credentials: {user: X}}\n",
            [(2, "user", "accounts.g.credentials.user", "found 'user'; expected a name ending in '_env'")],
        ),
        (
            "rate_limits:\n  google: {calls_per_second: 0, burst: 5}\n  bing: {burst: 1}\n",
            [
                (2, "0,", "rate_limits.google.calls_per_second", "expected a value greater than 0"),
                (3, "bing", "rate_limits.bing", "found 'bing'; expected one of 'google', 'meta'"),
            ],
        ),
        (
            "webhooks:\n  ops: {url: 'http://127.0.0.1/x', url_env: HOOK}\n  dev: {format: slack}\n",
            [
                (2, "ops", "webhooks.ops", "found both; expected exactly one of 'url' or 'url_env'"),
                (3, "dev", "webhooks.dev", "found neither; expected exactly one of 'url' or 'url_env'"),
            ],
        ),
        (
            "webhooks:\n  ops: {url: 'ftp://hooks.example/T0KEN'}\n",
            [
                (
                    2,
                    "'ftp",
                    "webhooks.ops.url",
                    "found a value (not shown); expected an http:// or https:// URL",
                )
            ],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: act_1, currency: USD, connector: meta_ads, "
            "graph_url: 'graph.local', conversion_action: Purchase}\n",
            [
                (2, "'graph.local'", "accounts.m.graph_url", "expected an http:// or https:// URL"),
                (2, "Purchase", "accounts.m.conversion_action", "expected a Meta action type such as"),
            ],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: act_1, currency: USD, connector: meta_ads}\n",
            [(2, "m:", "accounts.m", "missing required key 'page_id' for a meta_ads account")],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: act_1, currency: USD, api_version: v26}\n",
            [(2, "v26", "accounts.m.api_version", "expected a Graph API version such as 'v26.0'")],
        ),
        (
            G_ACCOUNT + ", api_version: v22, graph_url: 'http://127.0.0.1:1'}\n",
            [
                (2, "v22", "accounts.g.api_version", "expected v26, the Google Ads API version MIDAS speaks"),
                (2, "graph_url", "accounts.g.graph_url", "'graph_url' applies only to meta accounts"),
            ],
        ),
        (
            G_ACCOUNT + ", api_version: v25}\n",
            [
                (
                    2,
                    "v25",
                    "accounts.g.api_version",
                    "found 'v25'; expected v26, the Google Ads API version MIDAS speaks: its queries and "
                    "writes use v26 field names (ad_group_bid_modifier.start_day_of_week",
                )
            ],
        ),
        (
            G_ACCOUNT + ", connector: sandbox, api_version: v25}\n",
            [
                (
                    2,
                    "v25",
                    "accounts.g.api_version",
                    "the sandbox simulates v26 alone, so it reads no differently",
                )
            ],
        ),
        (
            G_ACCOUNT + ", connector: google_ads, api_version: v25}\n",
            [
                (
                    2,
                    "v25",
                    "accounts.g.api_version",
                    "so this account would fail its reads; remove api_version",
                )
            ],
        ),
        (
            G_ACCOUNT + ", instagram_user_id: '178'}\n",
            [(2, "instagram_user_id", "accounts.g.instagram_user_id", "applies only to meta accounts")],
        ),
        (
            "accounts:\n  m: {platform: meta, ad_account_id: act_1, currency: USD, instagram_user_id: ig1}\n",
            [(2, "ig1", "accounts.m.instagram_user_id", "expected an Instagram account id of digits")],
        ),
        (
            "metrics: {attribution_window_days: -1}\n",
            [(1, "-1", "metrics.attribution_window_days", "expected a value of at least 0")],
        ),
        ("version: 2\n", [(1, "2", "version", "expected one of '1'")]),
        ("verison: 1\n", [(1, "verison", "verison", "unknown key 'verison'; did you mean 'version'?")]),
        ("- a\n", [(1, "-", "", "found a list; expected a mapping")]),
        ("a: [\n", [(2, "", "", "YAML syntax error")]),
        ("version: 1\n---\nversion: 1\n", [(3, "version", "", "found several YAML documents; expected one")]),
    ],
    ids=[
        "connector-of-other-platform",
        "google-needs-customer-id",
        "meta-with-google-key",
        "customer-id-shape",
        "ad-account-id-shape",
        "platform-typo",
        "currency-and-access-level",
        "account-time-zone",
        "account-name",
        "credential-literal",
        "credential-key-suffix",
        "rate-limits",
        "webhook-url-xor-url-env",
        "webhook-url-hidden",
        "meta-connector-keys",
        "meta-ads-needs-a-page",
        "meta-api-version",
        "google-api-version-and-meta-key",
        "google-api-version-older-than-midas-speaks",
        "google-api-version-of-a-sandbox-account",
        "google-api-version-of-a-google-ads-account",
        "instagram-account-of-google",
        "instagram-account-shape",
        "metrics-window",
        "version",
        "unknown-top-level-key",
        "not-a-mapping",
        "syntax",
        "several-documents",
    ],
)
def test_settings_problems(tmp_path: Path, text: str, expected: list[tuple[int, str, str, str]]) -> None:
    found = problems(tmp_path, text)
    want = [(*at(text, line, token), field) for line, token, field, _ in expected]
    assert [(i.line, i.column, i.field) for i in found] == want, [str(i) for i in found]
    for issue, (*_, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, issue.message
    assert all("T0KEN" not in str(i) for i in found)


def test_empty_settings_file_is_an_empty_workspace(tmp_path: Path) -> None:
    settings = load(tmp_path, "")
    assert settings.accounts == {} and settings.state_url.endswith("/.midas/state.db")


def test_rate_limits_and_webhooks_are_kept(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + "rate_limits:\n  meta: {calls_per_second: 2.5}\n  google: {burst: 30}\n"
        + "webhooks:\n  ops-slack: {url_env: SLACK_URL, secret_env: HOOK_SECRET, format: slack}\n"
    )
    settings = load(tmp_path, text)
    assert list(settings.rate_limits) == ["google", "meta"]
    assert (settings.rate_limits["meta"].calls_per_second, settings.rate_limits["meta"].burst) == (2.5, None)
    assert settings.rate_limits["google"].burst == 30
    hook = settings.webhooks["ops-slack"]
    assert (hook.url, hook.url_env, hook.secret_env, hook.format) == (
        None,
        "SLACK_URL",
        "HOOK_SECRET",
        "slack",
    )


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load(tmp_path, MINIMAL)
    with pytest.raises(ValidationError):
        settings.state_url = DEFAULT_STATE_URL  # type: ignore[misc]
    with pytest.raises(ValidationError):
        settings.accounts["google-main"].currency = "EUR"  # type: ignore[misc]


def test_module_docstring_example_is_valid_settings(tmp_path: Path) -> None:
    # The settings docstring documents midas.yaml; it must stay a valid file.
    from midas_reconcile import settings as module

    block = textwrap.dedent((module.__doc__ or "").split("::", 1)[1].split("\n\n")[1])
    settings = load(tmp_path, block)
    assert set(settings.accounts) == {"google-main", "meta-main"} and set(settings.webhooks) == {"ops-slack"}
