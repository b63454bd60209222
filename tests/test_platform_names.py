"""A campaign that goes by another name on one platform (``google.name`` / ``meta.name``): compiled under
its unified address with the platform's name, read back to that address, and never two campaigns under
one name in an account."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from midas_reconcile.compile import campaign_aliases, compile_workspace
from midas_reconcile.errors import SpecError
from midas_reconcile.resources import META, Address, Resource, campaigns_by_record, renamed_campaigns
from midas_reconcile.spec import load_workspace

REPO = Path(__file__).resolve().parents[1]


def campaign(name: str, extra: str = "") -> str:
    return f"""\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: {name}}}
spec:
  platforms:
    google: {{account: google-main}}
    meta: {{account: meta-main}}
  objective: traffic
  budget: {{daily: 20.00}}
  targeting: {{locations: [US]}}
  creatives:
    - name: ad
      headlines: [Run Faster Today, Shoes for Runners, Spring Sale Now]
      descriptions: [Light shoes for long runs., Free returns within 30 days.]
      final_url: https://shop.example.com/
{extra}"""


def workspace(tmp_path: Path, *documents: str) -> Path:
    root = tmp_path / "ws"
    (root / "specs").mkdir(parents=True)
    shutil.copy(REPO / "midas.yaml", root / "midas.yaml")
    (root / "specs" / "campaigns.yaml").write_text("---\n".join(documents), encoding="utf-8")
    return root


def test_a_campaign_is_compiled_under_its_unified_address_with_each_platforms_name(tmp_path: Path) -> None:
    extra = "  meta: {name: Spring (Facebook)}\n  google: {name: Spring – Search}\n"
    loaded = load_workspace(workspace(tmp_path, campaign("spring", extra)), env={})
    resources = {(r.address.platform, r.address.kind): r for r in compile_workspace(loaded).resources}
    assert resources["meta", "campaign"].address.path == "spring"
    assert resources["meta", "campaign"].fields["name"] == "Spring (Facebook)"
    assert resources["google", "campaign"].fields["name"] == "Spring – Search"
    assert resources["google", "campaign_budget"].fields["name"] == "Spring – Search"
    assert campaign_aliases(loaded) == {
        ("google", "google-main"): {"Spring – Search": "spring"},
        ("meta", "meta-main"): {"Spring (Facebook)": "spring"},
    }


def test_two_campaigns_going_by_one_name_in_an_account_are_refused_at_the_line(tmp_path: Path) -> None:
    root = workspace(tmp_path, campaign("autumn"), campaign("spring", "  meta: {name: autumn}\n"))
    loaded = load_workspace(root, env={})
    with pytest.raises(SpecError) as caught:
        compile_workspace(loaded)
    (issue,) = caught.value.issues
    assert (issue.file, issue.field) == ("specs/campaigns.yaml", "spec.meta.name")
    assert issue.line == 32  # the second document's meta.name
    assert "campaign 'autumn' already goes by 'autumn' in meta account 'meta-main'" in issue.message


def test_a_read_renames_the_campaigns_that_go_by_another_name_refs_included() -> None:
    def at(kind: str, path: str) -> Address:
        return Address(META, "meta-main", kind, path)

    campaign_at, adset_at = at("campaign", "Spring %2F FB"), at("adset", "Spring %2F FB/runners")
    other = Resource(at("campaign", "autumn"), {"name": "autumn"})
    read = [
        Resource(campaign_at, {"name": "Spring / FB"}),
        Resource(adset_at, {"name": "runners"}, {"campaign": campaign_at}),
        other,
    ]
    renamed = renamed_campaigns(read, {"Spring / FB": "spring"})
    assert [r.address for r in renamed] == [
        at("campaign", "spring"),
        at("adset", "spring/runners"),
        other.address,
    ]
    assert renamed[1].refs == {"campaign": at("campaign", "spring")}
    assert renamed[2] is other and read[0].address == campaign_at  # the read itself is left as it was


def test_a_campaign_read_under_another_name_than_recorded_is_read_at_its_recorded_address() -> None:
    """Renamed in a console, or by a spec's changed ``meta.name``: the same campaign (its id recorded),
    with what is in it; not onto an address another live campaign keeps, nor an audience of that name."""

    def at(kind: str, path: str) -> Address:
        return Address(META, "meta-main", kind, path)

    campaign = Resource(at("campaign", "Console name"), {"name": "Console name"}, platform_id="7")
    adset = Resource(
        at("adset", "Console name/runners"), {"name": "runners"}, {"campaign": campaign.address}, "8"
    )
    audience = Resource(at("customaudience", "Console name"), {"name": "Console name"}, platform_id="9")
    other = Resource(at("campaign", "autumn"), {"name": "autumn"}, platform_id="3")
    read = [campaign, adset, audience, other]
    moved = campaigns_by_record(read, {"7": "spring", "3": "autumn"})
    assert [r.address for r in moved] == [
        at("campaign", "spring"),
        at("adset", "spring/runners"),
        audience.address,
        other.address,
    ]
    assert (
        moved[1].refs == {"campaign": at("campaign", "spring")} and moved[0].fields["name"] == "Console name"
    )
    assert campaigns_by_record(read, {"7": "autumn", "3": "autumn"}) == read  # autumn stays: 7 is not moved
    assert campaigns_by_record(read, {}) == read


def test_metrics_of_a_managed_campaign_are_stored_under_its_unified_name(state_url: str) -> None:
    import datetime as dt
    from decimal import Decimal

    from midas_reconcile.connectors.base import DailyMetrics
    from midas_reconcile.store import StateStore

    def day(campaign_id: str, name: str) -> DailyMetrics:
        return DailyMetrics(
            dt.date(2026, 11, 1), META, "meta-main", campaign_id, name, 100, 5, Decimal("2.50"),
            Decimal(1), Decimal(30), "USD",
        )  # fmt: skip

    managed = "campaign/spring%2Fsummer@meta:meta-main"
    with StateStore.open(state_url) as store:
        store.save_metrics(
            [day("1", "Spring (Facebook)"), day("2", "Hand-made")], {(META, "meta-main", "1"): managed}
        )
        stored = {m.campaign_id: (m.campaign_name, address) for m, address in store.metrics()}
    assert stored == {"1": ("spring/summer", managed), "2": ("Hand-made", None)}
