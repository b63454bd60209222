"""`midas import` of campaigns MIDAS applied (their spec lost, or their state store), what guardrails say of
an adoption, and what a refused import leaves behind and advises.

Adoption's store work (records by recorded name, a lost store, refusals that make no store) runs on both
stores; the shapes adopted again under their platform names, whose store work is that one, are marked
``sqlite_store``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from fakes.example import DEMAND_GEN_PRODUCT_SPEC, DEMAND_GEN_SPEC, DISPLAY_SPEC, PMAX_SPEC
from fakes.hand_built import NAME, SEARCH_CAMPAIGN, US, google_campaign, holiday_sale, write_all

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.importing import importer
from midas_reconcile.settings import load_settings
from midas_reconcile.store import StateStore

PROMO = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: promo}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD, split: {by: amount, google: 10.00, meta: 10.00}}
  google: {name: Promo Search}
  meta: {name: Promo (Facebook)}
  targeting: {locations: [US]}
  creatives:
    - name: ad
      headlines: [Example Running, Official Site, Shop Now]
      descriptions: [The official store., Free shipping.]
      final_url: https://shop.example.com/
"""


def _applied_then_spec_lost(midas: Callable[..., object], bare: Path) -> None:
    (bare / "specs" / "promo.yaml").write_text(PROMO, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    (bare / "specs" / "promo.yaml").unlink()


@pytest.mark.parametrize("named", ["Promo Search", "promo"])
@pytest.mark.sqlite_store
def test_a_managed_campaign_going_by_its_platform_names_reimports_under_its_recorded_name(
    midas: Callable[..., object], bare: Path, named: str
) -> None:
    """A spec's ``google.name`` / ``meta.name`` and an ad group renamed in the console: the campaign is read
    at the addresses MIDAS recorded, its spec written under the recorded name with the platforms' own."""
    _applied_then_spec_lost(midas, bare)
    for group in ("ad_group/Promo Search/default@google", "adset/Promo (Facebook)/default@meta"):
        assert midas("sandbox", "set", group, "name=Evergreen").code == 0
    imported = midas(
        "import", "--account", "google-main", "--campaign", named, "--out", str(bare / "specs" / "imp")
    )
    assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    document = yaml.safe_load((bare / "specs" / "imp" / "promo.yaml").read_text(encoding="utf-8"))
    assert document["metadata"]["name"] == "promo"
    assert document["spec"]["google"]["name"] == "Promo Search"
    assert document["spec"]["meta"]["name"] == "Promo (Facebook)"
    assert [g["name"] for g in document["spec"]["ad_groups"]] == ["Evergreen"]
    # The spec says the ad groups' console names: MIDAS's records of them move, nothing is sent.
    plan = midas("plan")
    assert "Plan: 0 to create, 0 to update, 0 to replace, 0 to pause, 0 to delete, 5 records to move." in (
        plan.output  # type: ignore[attr-defined]
    )
    assert midas("apply", "--auto-approve").code == 0
    again = midas("plan", "--detailed-exitcode")
    assert again.code == 0, again.output  # type: ignore[attr-defined]


def test_a_managed_campaign_reimports_to_a_plan_of_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    _applied_then_spec_lost(midas, bare)
    imported = midas("import", "--account", "meta-main", "--all")
    assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    document = yaml.safe_load((bare / "specs" / "imported" / "promo.yaml").read_text(encoding="utf-8"))
    assert (document["metadata"]["name"], document["spec"]["meta"]["name"]) == ("promo", "Promo (Facebook)")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def _lose_the_state_store(state_url: str) -> None:
    """Every table of the store dropped, as if its database were lost: the next command makes it anew."""
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    tables = sa.MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()


def test_import_all_adopts_the_marked_campaigns_of_a_lost_state_store(
    midas: Callable[..., object], state_url: str
) -> None:
    """The platform marker alone is no ownership (DESIGN invariant 1): campaigns MIDAS applied before its
    store was lost are not 'already managed', and ``--all --adopt`` records them again."""
    assert midas("apply", "--auto-approve").code == 0
    _lose_the_state_store(state_url)
    assert "adopt it with `midas import`" in midas("plan").output  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    assert "Already managed by MIDAS" not in adopted.output  # type: ignore[attr-defined]
    listed = midas("state", "list").output  # type: ignore[attr-defined]
    for campaign in ("brand-awareness@google", "spring-sale@google", "spring-sale@meta"):
        assert f"campaign/{campaign}" in listed
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    again = midas("import", "--account", "google-main", "--all", "--adopt")
    assert "Already managed by MIDAS: 'brand-awareness', 'spring-sale'." in again.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rule", "broken", "held"),
    [
        ("max_daily_budget_per_campaign: 20", "above the cap of 20.00 USD", True),  # caps: every plan
        ("allowed_countries: [CA]", "allowed countries: CA", False),  # countries: what a plan writes
    ],
)
@pytest.mark.sqlite_store
def test_guardrails_never_block_an_adoption_that_changes_nothing_they_guard(
    midas: Callable[..., object], bare: Path, rule: str, broken: str, held: bool
) -> None:
    """Adopting adds MIDAS's markers and records the campaign: its spend and targeting stay as they run.
    What a guardrail finds is said, for the plans to come, and the campaign is adopted."""
    holiday_sale(bare)
    (bare / "policies" / "guardrails.yaml").write_text(
        f"apiVersion: midas/v1\nkind: Guardrail\nmetadata: {{name: caps}}\nspec: {{currency: USD, {rule}}}\n",
        encoding="utf-8",
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    assert "--override" not in adopted.output  # type: ignore[attr-defined]  # import has no --override
    assert "Adopted as it runs, against a guardrail: " in adopted.output  # type: ignore[attr-defined]
    assert broken in adopted.output  # type: ignore[attr-defined]
    assert (bare / "specs" / "imported" / "holiday-sale-us.yaml").exists()
    assert f"campaign/{NAME}@google:google-main" in midas("state", "list").output  # type: ignore[attr-defined]
    # The plans to come hold the campaign to its guardrail, as any other.
    assert (broken in midas("plan").output) is held  # type: ignore[attr-defined]


def test_an_adoption_reports_every_location_its_campaigns_target_against_allowed_countries(
    midas: Callable[..., object], bare: Path
) -> None:
    """Adopting changes no location, yet what the guardrail finds of the campaigns as they run is said of each
    object that targets a place outside it: the Meta ad set (whose marker is written) and the Google location
    criteria alike (adopted unchanged: a NOOP)."""
    holiday_sale(bare)
    (bare / "policies" / "guardrails.yaml").write_text(
        "apiVersion: midas/v1\nkind: Guardrail\nmetadata: {name: geo}\nspec: {allowed_countries: [GB]}\n",
        encoding="utf-8",
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    output = " ".join(adopted.output.split())  # type: ignore[attr-defined]
    for subject in (
        f"adset/{NAME}/",
        f"campaign_criterion/{NAME}/location:2840@google:google-main targets US",
        f"campaign_criterion/{NAME}/location:21136@google:google-main targets US",
    ):
        assert subject in output, output


def test_an_adoption_refused_before_it_applies_leaves_no_file_written(
    midas: Callable[..., object], bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the adoption plan change more than MIDAS's markers (a verification's miss), import refuses it
    before anything is applied, and takes back the files it wrote: a re-run starts from nothing."""
    holiday_sale(bare)
    monkeypatch.setattr(importer, "_marks_only", lambda change: False)
    refused = midas("import", "--account", "google-main", "--all", "--adopt")
    assert refused.code == 1
    assert "adopting would update it (labels), not only mark it as MIDAS's" in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()
    assert f"campaign/{NAME}" not in midas("state", "list").output  # type: ignore[attr-defined]


@pytest.mark.parametrize("refused", [["--link", "foo"], ["--out", "elsewhere"]])
def test_an_adoption_refused_at_once_makes_no_state_store(
    midas: Callable[..., object], bare: Path, state_url: str, refused: list[str]
) -> None:
    holiday_sale(bare)
    result = midas("import", "--account", "google-main", "--all", "--adopt", *refused)
    assert result.code == 1, result.output  # type: ignore[attr-defined]
    made = StateStore.open_existing(state_url)
    assert made is None, made.close()


def test_a_shared_budget_refusal_met_from_the_meta_account_advises_an_import_from_the_budgets_account(
    midas: Callable[..., object], bare: Path
) -> None:
    """``--campaign`` names campaigns of the account imported from: a Google campaign on the budget is named
    from the Google account, where the budget is."""
    holiday_sale(bare, shared_budget=True)
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    budget = next(r for r in google.read() if r.address.kind == "campaign_budget")
    other = google_campaign(
        "google-main",
        "Other",
        budget={"name": "Holiday budget (Q4)"},
        campaign=SEARCH_CAMPAIGN,
        criteria=[US],
        shared=True,
    )
    write_all(google, [replace(other[1], refs={"campaign_budget": str(budget.platform_id)}), *other[2:]])
    refused = midas("import", "--account", "meta-main", "--campaign", NAME)
    assert refused.code == 1
    assert "also funds campaign 'Other'" in refused.output  # type: ignore[attr-defined]
    assert "(--campaign ID …)" not in refused.output  # type: ignore[attr-defined]
    assert "import them together from account google-main, where the budget is (`midas import --account " in (
        refused.output  # type: ignore[attr-defined]
    )


TWO_AD_GROUPS = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: neg}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US], exclude: {interests: [Golf]}}
  ad_groups:
    - {name: one, keywords: [{text: shoes, match: phrase}]}
    - {name: two, keywords: [{text: boots, match: phrase}], google: {negative_interests: [Travel]}}
  creatives:
    - name: c
      headlines: [Shoes, Run, Fast]
      descriptions: [Run fast., Shoes.]
      final_url: https://shop.example.com/
"""


@pytest.mark.sqlite_store
def test_an_ad_groups_google_negative_interests_reimport_as_its_own(
    midas: Callable[..., object], bare: Path
) -> None:
    """Interests a Google ad group excludes and its Meta ad set does not: the ad group's
    ``google.negative_interests``, one ad group on both platforms, and no empty exclusion written."""
    (bare / "specs" / "neg.yaml").write_text(TWO_AD_GROUPS, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    (bare / "specs" / "neg.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--all")
    assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "neg.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert spec["targeting"] == {"locations": ["US"], "exclude": {"interests": ["Golf"]}}
    assert spec["ad_groups"] == [
        {"name": "one", "keywords": [{"text": "shoes", "match": "phrase"}]},
        {
            "name": "two",
            "keywords": [{"text": "boots", "match": "phrase"}],
            "google": {"negative_interests": ["Travel"]},
        },
    ]
    assert "meta" not in spec and "[]" not in text
    assert midas("plan", "--detailed-exitcode").code == 0


def _applied_edited_in_console_then_specs_lost(
    midas: Callable[..., object], workspace: Path, addresses: Sequence[str], edit: str
) -> None:
    """The workspace applied, ``edit`` (``FIELD=VALUE``) made in the consoles to each of
    ``addresses``, then its specs and policies lost."""
    assert midas("apply", "--auto-approve").code == 0
    for address in addresses:
        edited = midas("sandbox", "set", address, edit)
        assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()


@pytest.mark.sqlite_store
def test_an_ad_paused_in_one_ad_group_only_imports_as_that_ad_groups_paused_creative(
    midas: Callable[..., object], workspace: Path, tmp_path: Path
) -> None:
    """One creative, running in two ad groups and paused in one of them, on both platforms: the creative
    stays one (no ``-2`` twin on Google, no refusal on Meta), its ad group saying ``paused_creatives``."""
    ads = ("ad_group_ad/spring-sale/walkers/spring-shoes@google", "ad/spring-sale/walkers/spring-shoes@meta")
    _applied_edited_in_console_then_specs_lost(midas, workspace, ads, "status=paused")
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"  # the state lost: Google's ads are named by content
    adopted = midas("--state-url", fresh, "import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (workspace / "specs" / "imported" / "spring-sale.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert sorted(c["name"] for c in spec["creatives"]) == ["spring-apparel", "spring-shoes"]
    assert all(c.get("status", "active") == "active" for c in spec["creatives"])
    groups = {g["name"]: g for g in spec["ad_groups"]}
    assert groups["walkers"]["paused_creatives"] == ["spring-shoes"]
    assert "paused_creatives" not in groups["runners"]
    plan = midas("--state-url", fresh, "plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "imports",
    [
        [["--campaign", "Promo Search", "--adopt"]],
        [["--campaign", "promo", "--adopt"]],
        [["--all", "--adopt"]],
        # Imported, reviewed, then adopted as the spec says: named, or among the rest with --all.
        [["--campaign", "promo"], ["--campaign", "promo", "--adopt"]],
        [["--campaign", "promo"], ["--all", "--adopt"]],
    ],
)
@pytest.mark.sqlite_store
def test_a_managed_campaign_adopted_again_under_its_platform_names_plans_no_changes(
    midas: Callable[..., object], bare: Path, imports: list[list[str]]
) -> None:
    """``import --adopt`` of a campaign MIDAS applied, its spec lost and its ad groups renamed in the console:
    the adoption records every object at the address the written spec compiles to, so the plan right after
    has nothing to do — not even records to move."""
    _applied_then_spec_lost(midas, bare)
    for group in ("ad_group/Promo Search/default@google", "adset/Promo (Facebook)/default@meta"):
        assert midas("sandbox", "set", group, "name=Evergreen").code == 0
    for options in imports:
        imported = midas("import", "--account", "google-main", *options)
        assert imported.code == 0, imported.output  # type: ignore[attr-defined]
        assert "Already managed by MIDAS" not in imported.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    again = midas("import", "--account", "google-main", "--all", "--adopt")
    assert "Already managed by MIDAS: 'promo'." in again.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("reviewed", [False, True])
def test_the_example_campaigns_adopted_again_after_console_renames_plan_no_changes(
    midas: Callable[..., object], workspace: Path, reviewed: bool
) -> None:
    """Every shape of the example workspace (a Google-only campaign, one on both platforms with two ad
    groups), its specs lost and ad groups renamed in the consoles: ``import --all --adopt``, straight away
    or after an import reviewed, leaves a plan of no changes."""
    groups = (
        "ad_group/brand-awareness/default@google",
        "ad_group/spring-sale/walkers@google",
        "adset/spring-sale/walkers@meta",
    )
    _applied_edited_in_console_then_specs_lost(midas, workspace, groups, "name=Renamed in console")
    if reviewed:
        assert midas("import", "--account", "google-main", "--all").code == 0
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("reviewed", [False, True], ids=["adopted", "reviewed-then-adopted"])
@pytest.mark.parametrize(
    ("spec", "groups"),
    [
        (DISPLAY_SPEC, ["ad_group/trail-display/default@google", "adset/trail-display/default@meta"]),
        (PMAX_SPEC, ["asset_group/trail-pmax/default@google", "adset/trail-pmax/default@meta"]),
        (DEMAND_GEN_SPEC, ["ad_group/trail-demand/canada@google", "adset/trail-demand/home@meta"]),
        # With a Merchant Center account and a product ad (Google's alone) beside the multi-asset ad.
        (DEMAND_GEN_PRODUCT_SPEC, ["ad_group/trail-demand/home@google", "adset/trail-demand/home@meta"]),
    ],
    ids=["display", "performance-max", "demand-gen", "demand-gen-product-ad"],
)
@pytest.mark.sqlite_store
def test_other_campaign_kinds_adopted_again_after_console_renames_plan_no_changes(
    midas: Callable[..., object], bare: Path, spec: str, groups: list[str], reviewed: bool
) -> None:
    """Display, Performance Max (an asset group renamed) and Demand Gen campaigns MIDAS applied, their spec
    lost and an ad group of each platform renamed in its console: adopted again, the plan has no changes."""
    (bare / "specs" / "kind.yaml").write_text(spec, encoding="utf-8")
    _applied_edited_in_console_then_specs_lost(midas, bare, groups, "name=Renamed in console")
    if reviewed:
        imported = midas("import", "--account", "google-main", "--all")
        assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


#: What a console renamed in the example's spring-sale campaign (``sandbox set ADDRESS name=…``), and where
#: MIDAS records the object once adopted again: under the name the console gave it.
SHOES_AD = "ad/spring-sale/walkers/spring-shoes@meta"


@pytest.mark.parametrize(
    ("renamed", "moved", "imports"),
    [
        (SHOES_AD, "ad/spring-sale/walkers/Shoes (console)@meta", [["--all", "--adopt"]]),
        (SHOES_AD, "ad/spring-sale/walkers/Shoes (console)@meta", [["--campaign", "spring-sale", "--adopt"]]),
        # Imported, reviewed, then adopted among the rest: the spec says the ad's console name already.
        (SHOES_AD, "ad/spring-sale/walkers/Shoes (console)@meta", [["--all"], ["--all", "--adopt"]]),
        ("adset/spring-sale/walkers@meta", "adset/spring-sale/Shoes (console)@meta", [["--all", "--adopt"]]),
        # A Meta creative's own name is no part of a spec (MIDAS names it by its address): nothing moves.
        ("adcreative/spring-sale/walkers/spring-shoes@meta", None, [["--all", "--adopt"]]),
        (
            "ad_group/spring-sale/walkers@google",
            "ad_group/spring-sale/Shoes (console)@google",
            [["--campaign", "spring-sale", "--adopt"]],
        ),
    ],
    ids=["meta-ad", "meta-ad-named", "meta-ad-reviewed", "meta-ad-set", "meta-creative", "google-ad-group"],
)
@pytest.mark.sqlite_store
def test_a_managed_campaign_whose_spec_was_lost_is_adopted_again_under_its_console_renamed_ad(
    midas: Callable[..., object], workspace: Path, renamed: str, moved: str | None, imports: list[list[str]]
) -> None:
    """Issue #5: the example's spring-sale applied, an object in it renamed in a console, its spec lost, then
    imported from the Meta account and adopted again. The spec says the console's name — a Meta ad's as its
    creative's, as an ad group's — MIDAS's records move there (nothing is sent), and the plan has nothing to
    do."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", renamed, "name=Shoes (console)").code == 0
    (workspace / "specs" / "spring-sale.yaml").unlink()
    for options in imports:
        imported = midas("import", "--account", "meta-main", *options)
        assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((workspace / "specs" / "imported" / "spring-sale.yaml").read_text(encoding="utf-8"))
    creatives = {c["name"]: c.get("platforms") for c in spec["spec"]["creatives"]}
    listed = midas("state", "list").output  # type: ignore[attr-defined]
    if renamed == SHOES_AD:
        # No longer the Google ads' namesake: a creative of Meta's alone, in an ad set of Meta's.
        assert creatives == {"spring-apparel": None, "spring-shoes": None, "Shoes (console)": ["meta"]}
        assert "adcreative/spring-sale/walkers/Shoes (console)@meta" in listed
    else:
        assert creatives == {"spring-apparel": None, "spring-shoes": None}
    if moved is not None:
        assert f"{moved}:" in listed
        assert f"{renamed}:" not in listed
    again = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert "Already managed by MIDAS: 'spring-sale'." in again.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "renames",
    [
        # A chain in one ad set: one ad takes the name another had, which was renamed too.
        [
            ("ad/spring-sale/runners/spring-apparel@meta", "Apparel (console)"),
            ("ad/spring-sale/runners/spring-shoes@meta", "spring-apparel"),
        ],
        # The same between two ad sets of the campaign.
        [("adset/spring-sale/runners@meta", "R2"), ("adset/spring-sale/walkers@meta", "runners")],
    ],
    ids=["meta-ads", "meta-ad-sets"],
)
@pytest.mark.sqlite_store
def test_an_import_refuses_a_chain_of_console_renames_the_plan_could_not_follow(
    midas: Callable[..., object], workspace: Path, renames: list[tuple[str, str]]
) -> None:
    """Objects of a parent renamed in a console one onto another's former name: the plan pairs what is live
    with the specs by the addresses MIDAS records, so a spec of their live names would replace and pause them.
    The import says the written spec does not match what is live and writes nothing, as before records moved
    to live names."""
    assert midas("apply", "--auto-approve").code == 0
    for address, name in renames:
        assert midas("sandbox", "set", address, f"name={name}").code == 0
    (workspace / "specs" / "spring-sale.yaml").unlink()
    imported = midas("import", "--account", "meta-main", "--all")
    assert imported.code == 1, imported.output  # type: ignore[attr-defined]
    assert "would not match what is live" in imported.output  # type: ignore[attr-defined]
    assert not (workspace / "specs" / "imported" / "spring-sale.yaml").exists()


def test_marked_campaigns_of_a_lost_state_store_are_adopted_again_with_a_console_renamed_meta_ad(
    midas: Callable[..., object], workspace: Path, state_url: str
) -> None:
    """Issue #5, the state store lost instead: a Meta ad renamed in a console is no difference once MIDAS's
    spec is lost too — imported from live, the campaigns are adopted again by their markers and the plan has
    nothing to do — but a spec that still names the ad as MIDAS applied it no longer says what is live:
    that campaign is not adopted, the refusal naming the ad at both names."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", SHOES_AD, "name=Shoes (console)").code == 0
    _lose_the_state_store(state_url)
    kept = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert kept.code == 1, kept.output  # type: ignore[attr-defined]
    output = " ".join(kept.output.split())  # type: ignore[attr-defined]
    for address in (SHOES_AD, "ad/spring-sale/walkers/Shoes (console)@meta"):
        assert f"the specs do not say exactly what is live, so nothing was adopted: {address}:" in output
    (workspace / "specs" / "spring-sale.yaml").unlink()
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    assert midas("import", "--account", "google-main", "--all", "--adopt").code == 0  # brand-awareness
    assert "ad/spring-sale/walkers/Shoes (console)@meta:" in midas("state", "list").output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
