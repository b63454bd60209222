"""The Audience kind: a customer list with attested consent, or a unified targeting; file:line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from midas_reconcile.errors import SpecError
from midas_reconcile.spec import load_workspace

SETTINGS = "version: 1\naccounts: {}\n"
HEAD = "apiVersion: midas/v1\nkind: Audience\nmetadata: {name: vip}\nspec:\n"
LIST = "  customer_list:\n    path: data/vip.csv\n    consent: {attested: true, attested_by: crm-team}\n"


def load(root: Path, spec: str) -> object:
    (root / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs" / "a.yaml").write_text(HEAD + spec, encoding="utf-8")
    return load_workspace(root, env={})


def test_a_customer_list_audience_loads_with_its_consent(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "vip.csv").write_text("email\n", encoding="utf-8")
    workspace = load(tmp_path, LIST)
    spec = workspace.audiences["vip"].spec  # type: ignore[attr-defined]
    assert spec.customer_list.path == "data/vip.csv" and spec.targeting is None
    assert spec.customer_list.consent.attested_by == "crm-team"
    assert spec.customer_list.consent.ad_user_data == "granted"


def test_an_existing_audience_loads_with_the_accounts_it_is_found_on(tmp_path: Path) -> None:
    (tmp_path / "midas.yaml").write_text(
        "version: 1\naccounts:\n  g: {platform: google, customer_id: '1234567890', currency: USD}\n",
        encoding="utf-8",
    )
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(
        HEAD + "  existing: true\n  platforms: {google: {account: g}}\n", encoding="utf-8"
    )
    spec = load_workspace(tmp_path, env={}).audiences["vip"].spec
    assert spec.existing and spec.customer_list is None and spec.targeting is None
    assert spec.platforms is not None and spec.platforms.google is not None
    assert spec.platforms.google.account == "g"


def test_a_targeting_audience_loads(tmp_path: Path) -> None:
    workspace = load(tmp_path, "  targeting: {locations: [us], ages: {min: 25}}\n")
    targeting = workspace.audiences["vip"].spec.targeting  # type: ignore[attr-defined]
    assert targeting.locations == ["US"] and targeting.ages.min == 25


CASES = [
    (
        "neither",
        "  {}\n",
        4,
        "spec",
        "found neither; expected exactly one of customer_list, targeting or existing: true",
    ),
    (
        "both",
        LIST + "  targeting: {locations: [US]}\n",
        8,
        "spec.targeting",
        "found both customer_list and targeting; expected exactly one",
    ),
    (
        "consent-not-attested",
        LIST.replace("attested: true", "attested: false"),
        7,
        "spec.customer_list.consent.attested",
        "consent is attested",
    ),
    (
        "consent-missing",
        "  customer_list:\n    path: data/vip.csv\n",
        5,
        "spec.customer_list.consent",
        "missing required key 'consent'",
    ),
    ("file-missing", LIST, 6, "spec.customer_list.path", "does not exist"),
    (
        "path-escapes",
        LIST.replace("data/vip.csv", "../vip.csv"),
        6,
        "spec.customer_list.path",
        "inside it",
    ),
    ("not-csv", LIST.replace("data/vip.csv", "data/vip.xlsx"), 6, "spec.customer_list.path", ".csv file"),
    (
        "platforms-on-a-targeting-audience",
        "  targeting: {locations: [US]}\n  platforms: {google: {account: g}}\n",
        6,
        "spec.platforms",
        "expected them only with a customer_list",
    ),
    ("platforms-empty", LIST + "  platforms: {}\n", 8, "spec.platforms", "found no platform"),
    (
        "platforms-unknown-account",
        LIST + "  platforms: {meta: {account: nobody}}\n",
        8,
        "spec.platforms.meta.account",
        "unknown account 'nobody'",
    ),
    (
        "existing-with-a-customer-list",
        "  existing: true\n  platforms: {google: {account: g}}\n" + LIST,
        7,
        "spec.customer_list",
        "found customer_list on an existing audience; expected only platforms",
    ),
    (
        "existing-with-targeting",
        "  existing: true\n  targeting: {locations: [US]}\n  platforms: {google: {account: g}}\n",
        6,
        "spec.targeting",
        "found targeting on an existing audience; expected only platforms",
    ),
    (
        "existing-without-platforms",
        "  existing: true\n",
        4,
        "spec",
        "found existing: true without platforms; expected platforms naming the accounts",
    ),
    (
        "existing-platforms-empty",
        "  existing: true\n  platforms: {}\n",
        6,
        "spec.platforms",
        "found no platform",
    ),
    (
        "existing-unknown-account",
        "  existing: true\n  platforms: {google: {account: nobody}}\n",
        6,
        "spec.platforms.google.account",
        "unknown account 'nobody'",
    ),
    (
        "existing-not-a-flag",
        "  existing: 'yes'\n  platforms: {google: {account: g}}\n",
        5,
        "spec.existing",
        "expected true or false",
    ),
    (
        "unknown-consent-key",
        LIST.replace("attested_by: crm-team", "attested_by: crm-team, gdpr: yes"),
        7,
        "spec.customer_list.consent.gdpr",
        "unknown key",
    ),
]


@pytest.mark.parametrize(
    ("spec", "line", "field", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_audience_problems_point_at_their_line(
    tmp_path: Path, spec: str, line: int, field: str, fragment: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, spec)
    issues = [i for i in caught.value.issues if i.field == field]
    assert issues, [str(i) for i in caught.value.issues]
    assert issues[0].file == "specs/a.yaml" and issues[0].line == line, str(issues[0])
    assert fragment in issues[0].message, issues[0].message
