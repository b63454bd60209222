"""`midas audiences …` end to end, and the guarantee that no raw e-mail or phone ever leaves a list."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run

EMAILS = [f"Person.{i}@Example.org" for i in range(12)]
PHONES = [f"+1 212 555 01{i:02d}" for i in range(12)]
AUDIENCES = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: crm}
spec:
  customer_list:
    path: data/crm.csv
    consent: {attested: true, attested_by: crm-team}
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: shop}
spec:
  customer_list:
    path: data/shop.csv
    consent: {attested: true, attested_by: crm-team}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: young-us}
spec:
  targeting: {ages: {min: 18, max: 34}, locations: [US]}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: women-ca}
spec:
  targeting: {genders: [female], locations: [US-CA]}
"""


@pytest.fixture
def lists(workspace: Path) -> Path:
    (workspace / "specs" / "audiences.yaml").write_text(AUDIENCES, encoding="utf-8")
    data = workspace / "data"
    data.mkdir()
    crm = ["email,phone,first_name,last_name,country,zip"]
    crm += [f"{EMAILS[i]},{PHONES[i]},Ann,Lee,US,10001" for i in range(8)]
    crm.append(f"{EMAILS[8]}@,{PHONES[8]},Ann,Lee,US,10001")  # line 10: bad e-mail, never echoed
    crm.append(f",{PHONES[9]} ext 3,,,US,")  # line 11: bad phone
    shop = ["email,phone,country"] + [f"{EMAILS[i].upper()},,US" for i in range(4, 8)]
    shop += [f",{PHONES[i]},US" for i in (10, 11)]
    (data / "crm.csv").write_text("\n".join(crm) + "\n", encoding="utf-8")
    (data / "shop.csv").write_text("\n".join(shop) + "\n", encoding="utf-8")
    return workspace


def test_overlap_of_customer_lists_prints_counts_shares_and_jaccard(
    lists: Path, midas: Callable[..., Run]
) -> None:
    run = midas("audiences", "overlap", "crm", "shop")
    assert run.code == 0, run.output
    assert "|crm|" in run.output and "8" in run.output
    assert re.search(r"\|crm ∩ shop\| +4\n", run.output) and re.search(r"Jaccard +0\.4000\n", run.output)
    assert "2 row(s) not used" not in run.output  # one reason per line
    assert "crm.csv: 1 row(s) not used: email is not an address of the form name@domain.tld (line 10)" in (
        run.output
    )
    data = json.loads(
        midas("audiences", "overlap", "crm", "shop", "--format", "json").output.split("\nwarning")[0]
    )
    (pair,) = data["overlaps"]
    assert (pair["size_a"], pair["size_b"], pair["intersection"]) == (8, 6, 4)
    assert (pair["overlap_percentage"], pair["efficiency_score"]) == (66.67, 60.0)


def test_sketched_overlap_and_sync_and_list(lists: Path, midas: Callable[..., Run]) -> None:
    sync = midas("audiences", "sync")
    assert sync.code == 0, sync.output
    assert "created: crm, shop, women-ca, young-us" in sync.output
    assert "sketched crm: 8 member(s)" in sync.output
    assert "Note: the lists' members reach Google and Meta with `midas apply`." in sync.output
    sketched = midas("audiences", "overlap", "crm", "shop", "--sketch", "--format", "json")
    assert json.loads(sketched.output)["overlaps"][0]["method"] == "theta"
    listed = midas("audiences", "list")
    assert "crm: customer_list" in listed.output and "young-us: targeting" in listed.output


def test_targeting_and_campaign_overlap(lists: Path, midas: Callable[..., Run]) -> None:
    run = midas("audiences", "overlap", "young-us", "women-ca")
    assert run.code == 0, run.output
    assert "population-weighted estimate" in run.output and "low confidence" in run.output
    campaigns = midas("audiences", "overlap", "--campaigns", "google:spring-sale", "meta:spring-sale")
    assert campaigns.code == 0 and "overlap_percentage: 100.00" in campaigns.output
    wrong = midas("audiences", "overlap", "crm", "young-us")
    assert wrong.code == 1 and "one is a customer list" in wrong.output
    alone = midas("audiences", "overlap", "crm")
    assert alone.code == 1 and "at least two" in alone.output


def test_an_existing_audience_has_no_members_to_compare_or_sync(
    lists: Path, midas: Callable[..., Run]
) -> None:
    existing = (
        "---\napiVersion: midas/v1\nkind: Audience\nmetadata: {name: site-visitors}\n"
        "spec:\n  existing: true\n  platforms: {google: {account: google-main}}\n"
    )
    with (lists / "specs" / "audiences.yaml").open("a", encoding="utf-8") as file:
        file.write(existing)
    for other in ("crm", "young-us"):
        run = midas("audiences", "overlap", other, "site-visitors")
        assert run.code == 1
        assert "Audience 'site-visitors' is an existing audience (existing: true, built outside MIDAS)" in (
            run.output
        )
        assert "not in git" in run.output
    sync = midas("audiences", "sync")
    assert sync.code == 0, sync.output
    assert "created: crm, shop, women-ca, young-us" in sync.output  # nothing of its own to keep


def test_customer_lists_midas_applied_are_no_drift(lists: Path, midas: Callable[..., Run]) -> None:
    """User lists and custom audiences carry no marker: a daily drift job must not fail on them."""
    assert midas("apply", "--auto-approve").code == 0
    run = midas("drift")
    assert run.code == 0, run.output
    assert "marker was removed" not in run.output


def test_a_customer_list_turned_existing_is_let_go_by_the_next_apply_and_never_deleted(
    lists: Path, midas: Callable[..., Run]
) -> None:
    """The spec of a list MIDAS uploaded says it is built outside MIDAS from now on: the next apply drops
    MIDAS's records of it (a plan of that alone), so removing the spec later deletes nothing."""
    assert midas("apply", "--auto-approve").code == 0
    specs = lists / "specs" / "audiences.yaml"
    existing = (
        "  existing: true\n  platforms:\n    google: {account: google-main}\n    meta: {account: meta-main}\n"
    )
    crm, rest = AUDIENCES.split("---\n", 1)
    specs.write_text(crm.split("spec:\n")[0] + "spec:\n" + existing + "---\n" + rest, encoding="utf-8")
    released = midas("apply", "--auto-approve")
    assert released.code == 0, released.output
    assert "Let go: what MIDAS applied" in released.output and "2 records to drop" in released.output
    assert "0 applied, 2 records dropped, 0 failed" in released.output
    assert midas("plan", "--detailed-exitcode").code == 0
    specs.write_text(rest, encoding="utf-8")
    gone = midas("plan", "--allow-destroy", "--detailed-exitcode")
    assert gone.code == 0, gone.output  # the lists are not MIDAS's: nothing to delete


def test_a_missing_list_is_a_validation_error_with_its_line(lists: Path, midas: Callable[..., Run]) -> None:
    (lists / "data" / "shop.csv").unlink()
    run = midas("validate")
    assert run.code == 1
    assert (
        "specs/audiences.yaml:17:11: spec.customer_list.path: found 'data/shop.csv', which does not exist"
        in (run.output)
    )


def test_no_raw_email_or_phone_in_any_output_log_or_table(
    lists: Path,
    midas: Callable[..., Run],
    state_dump: Callable[[], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    outputs = [
        midas("validate"),
        midas("audiences", "overlap", "crm", "shop"),
        midas("audiences", "overlap", "crm", "shop", "--format", "json"),
        midas("audiences", "overlap", "crm", "shop", "--sketch"),
        midas("audiences", "sync"),
        midas("audiences", "list", "--format", "json"),
        midas("plan"),
        midas("apply", "--auto-approve"),
    ]
    outputs += [midas("plan", "--format", "json"), midas("state", "list")]
    assert all(run.code in (0, 2) for run in outputs), [run.output for run in outputs]
    assert "+8 / −0 members" in outputs[6].output  # crm went to both platforms: only its hashes did
    sandbox = sqlite3.connect(lists / ".midas" / "sandbox.db")
    platform_side = "\n".join(str(row) for row in sandbox.execute("SELECT * FROM objects"))
    sandbox.close()
    assert "audience_member" in platform_side
    haystack = "\n".join([*(run.output for run in outputs), caplog.text, state_dump(), platform_side]).lower()
    assert "crm-team" in haystack  # the dump does hold the audiences (the consent attestation)
    for email in EMAILS:
        assert email.lower() not in haystack
        assert email.split("@")[0].lower() not in haystack
    for phone in PHONES:
        digits = "".join(c for c in phone if c.isdigit())
        assert digits not in haystack and phone.lower() not in haystack
        assert digits[1:] not in haystack  # national number
