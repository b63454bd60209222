"""Advantage+ audience's per-key settings (``meta.advantage_audience_settings``: Meta's ad set
``targeting.targeting_automation.individual_setting``, held as written): applied, planned, drifted,
imported, restored through the facebook-business SDK over the Graph API fake, and compared and mirrored on
the sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.hand_built import holiday_sale
from fakes.meta_fixtures import META_ACCOUNT_ID, META_ACT

from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.resources import META
from tests.e2e.test_meta_ads_e2e import PAGE_ID

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
ACCOUNTS: Final = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
WALKERS: Final = "adset/spring-sale/walkers@meta:meta-main"
SETTING: Final = "targeting.targeting_automation.individual_setting"
#: The example campaign's Meta options, to which the settings are added.
META_OPTIONS: Final = "  meta:\n    optimization_goal: OFFSITE_CONVERSIONS\n"
RUNNERS: Final = "      creatives: [spring-shoes, spring-apparel]\n"


def _with_settings(workspace: Path, campaign: str, runners: str | None = None) -> None:
    """The example spring-sale spec with ``meta.advantage_audience_settings: <campaign>`` and, given
    ``runners``, the runners ad group's ``meta:`` flow mapping's inside; no maximum age (Advantage+ audience
    takes none under 65)."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    assert META_OPTIONS in text and RUNNERS in text and "    ages: {min: 25, max: 54}\n" in text
    text = text.replace(
        META_OPTIONS, f"  meta:\n    advantage_audience_settings: {campaign}\n{META_OPTIONS[8:]}"
    )
    text = text.replace("    ages: {min: 25, max: 54}\n", "    ages: {min: 25}\n")
    if runners is not None:
        text = text.replace(RUNNERS, f"{RUNNERS}      meta: {{{runners}}}\n")
    spec.write_text(text, encoding="utf-8")


def _automation(fake: MetaGraphFake) -> dict[str, Any]:
    """Each ad set's ``targeting_automation`` as the Graph fake holds it, by name."""
    return {a["name"]: a["targeting"].get("targeting_automation") for a in fake.sim.peek(META_ACT, "adset")}


def test_advantage_audience_settings_converge_as_written_and_a_console_change_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The campaign's settings go to every ad set beside the flag, off as on, an ad group's own in their
    place; read back they plan nothing. A console's change of a flag is drift by key, and apply puts it
    back; a 0 flag is compared as written, never as a flag left out (MIDAS gives the flags no meaning)."""
    _with_settings(
        meta_workspace,
        "{age: 1, gender: 0}",
        "advantage_audience: true, advantage_audience_settings: {geo: 1}",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _automation(meta_fake) == {
        "runners": {"advantage_audience": 1, "individual_setting": {"geo": 1}},
        "walkers": {"advantage_audience": 0, "individual_setting": {"age": 1, "gender": 0}},
    }

    set_field(meta_fake.world, ACCOUNTS, WALKERS, {SETTING: '{"age": 0, "gender": 0}'})
    drift = midas("drift")
    assert drift.code == 2 and f"{SETTING}.age" in drift.output, drift.output
    assert f"{SETTING}.gender" not in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _automation(meta_fake)["walkers"]["individual_setting"] == {"age": 1, "gender": 0}

    set_field(meta_fake.world, ACCOUNTS, WALKERS, {SETTING: '{"age": 1}'})
    drift = midas("drift")
    assert drift.code == 2 and f"{SETTING}.gender" in drift.output, drift.output


def test_flags_of_0_written_in_the_spec_are_sent_and_taken_out_again_through_the_sdk(
    midas: Midas, meta_workspace: Path
) -> None:
    """A spec writing flags of 0 where it wrote none sends them, and one dropping them takes them out: a 0
    flag is no flag left out, whatever Meta makes of either."""
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    written = spec.read_text(encoding="utf-8")
    _with_settings(meta_workspace, "{}")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(written, encoding="utf-8")
    _with_settings(meta_workspace, "{age: 0, gender: 0}")
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and f"{SETTING}.age" in planned.output, planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    spec.write_text(written, encoding="utf-8")
    _with_settings(meta_workspace, "{}")
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and f"{SETTING}.gender" in planned.output, planned.output


@pytest.mark.parametrize(
    ("gift", "wrap"),
    [
        ({"age": 1, "gender": 1}, {"age": 1, "gender": 1}),
        ({"age": 0, "gender": 1, "geo": 0}, None),
    ],
    ids=["every-ad-set-s-the-campaign-s", "one-ad-set-s-its-own-beside-flags-of-0"],
)
def test_hand_built_advantage_audience_settings_import_as_written_and_adopt_to_no_changes_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    gift: dict[str, int],
    wrap: dict[str, int] | None,
) -> None:
    """A hand-built ad set's ``individual_setting`` imports as written, 0 flags kept (MIDAS gives them no
    meaning): the campaign's the most common, none on a tie with none, others an ad group's own, beside
    Advantage+ audience on (Gift Shoppers) or off (Wrap Shoppers); adopting it plans no changes."""
    for file in [*(meta_workspace / "specs").glob("*.yaml"), *(meta_workspace / "policies").glob("*.yaml")]:
        file.unlink()
    holiday_sale(meta_workspace, page_id=PAGE_ID, wrap_ad=True)
    gift_fields = {"targeting.age_max": "65", "targeting.targeting_automation.advantage_audience": "1"}
    set_field(meta_fake.world, ACCOUNTS, "adset/Holiday Sale – US/Gift Shoppers@meta:meta-main", gift_fields)
    for name, setting in (("Gift Shoppers", gift), ("Wrap Shoppers", wrap)):
        if setting is not None:
            address = f"adset/Holiday Sale – US/{name}@meta:meta-main"
            set_field(meta_fake.world, ACCOUNTS, address, {SETTING: json.dumps(setting)})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    campaign = spec["meta"].get("advantage_audience_settings", {})
    held = {
        g["name"]: g.get("meta", {}).get("advantage_audience_settings", campaign)
        for g in spec["ad_groups"]
        if "meta" in g.get("platforms", ["meta"])
    }
    assert {n: s for n, s in held.items() if n in ("Gift Shoppers", "Wrap Shoppers")} == {
        "Gift Shoppers": gift,
        "Wrap Shoppers": wrap or {},
    }, text
    if wrap == gift:
        assert campaign == gift and "advantage_audience_settings" not in str(spec["ad_groups"]), text
    else:  # one ad set of two: its own, the campaign's none (a tie with none is none)
        assert campaign == {} and "advantage_audience_settings: {}" not in text, text


def test_a_restore_puts_back_the_advantage_audience_settings_a_console_changed_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A snapshot keeps each ad set's ``individual_setting`` as it ran; restoring it after a console edit
    sends it back, and ``--write-specs`` of one taken after the edit writes the edit into the spec."""
    _with_settings(meta_workspace, "{age: 1, gender: 1}")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "good").code == 0
    set_field(meta_fake.world, ACCOUNTS, WALKERS, {SETTING: '{"geo": 1}'})
    restored = midas("restore", "good", "--auto-approve")
    assert restored.code == 0 and f"~ {WALKERS}" in restored.output, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _automation(meta_fake)["walkers"]["individual_setting"] == {"age": 1, "gender": 1}

    set_field(meta_fake.world, ACCOUNTS, WALKERS, {SETTING: '{"geo": 1}'})
    assert midas("snapshot", "--name", "edited").code == 0
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0 and "Wrote specs/spring-sale.yaml" in written.output, written.output
    planned = midas("plan").output  # the edit's record refreshed, nothing sent
    assert "0 to create, 0 to update, 0 to replace" in planned and f"{WALKERS}: {SETTING}.age" in planned, (
        planned
    )
    spec = yaml.safe_load((meta_workspace / "specs" / "spring-sale.yaml").read_text(encoding="utf-8"))["spec"]
    walkers = next(g for g in spec["ad_groups"] if g["name"] == "walkers")
    assert spec["meta"]["advantage_audience_settings"] == {"age": 1, "gender": 1}
    assert walkers["meta"]["advantage_audience_settings"] == {"geo": 1}


@pytest.mark.parametrize(
    ("campaign", "runners", "row"),
    [
        ("{age: 1, gender: 1}", None, ("meta.advantage_audience_settings", {"age": 1, "gender": 1})),
        (
            "{}",
            "advantage_audience_settings: {geo: 1}",
            ("ad group 'runners' meta.advantage_audience_settings", {"geo": 1}),
        ),
    ],
    ids=["the-campaign-s", "an-ad-group-s"],
)
def test_compare_shows_advantage_audience_settings_as_meta_s_alone(
    midas: Midas, workspace: Path, campaign: str, runners: str | None, row: tuple[str, dict[str, int]]
) -> None:
    """No Google counterpart: a row of Meta's alone, the campaign's or an ad group's own."""
    _with_settings(workspace, campaign, runners)
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {
        f["field"]: (f["google"], f["meta"], f["same"])
        for f in compared["fields"]
        if "advantage_audience" in f["field"]
    }
    assert rows == {row[0]: (None, row[1], False)}


def test_mirror_to_google_keeps_advantage_audience_settings_on_meta_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    """Going to Google, the settings stay Meta's as written: each the campaign or an ad group writes is
    listed."""
    (workspace / "specs" / "launch.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: launch}
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting:
    locations: [US]
  meta: {advantage_audience: true, advantage_audience_settings: {age: 1, gender: 1}}
  ad_groups:
    - {name: main}
    - {name: more, meta: {advantage_audience_settings: {geo: 0}}}
  creatives:
    - name: full
      headlines: [Launch Week, New Shoes Are Here, Shop the Launch]
      descriptions: [Fresh designs for every run., Free shipping this week only.]
      final_url: https://shop.example.com/launch
""",
        encoding="utf-8",
    )
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    attention = [
        line
        for line in result.output.splitlines()
        if line.startswith("needs attention") and "advantage_audience_settings" in line
    ]
    assert attention == [
        "needs attention: the campaign holds Advantage+ audience settings for its Meta ad sets "
        "(meta.advantage_audience_settings: {'age': 1, 'gender': 1}), which Meta alone has: kept on Meta as "
        "written, Google has nothing of them",
        "needs attention: ad group 'more' holds Advantage+ audience settings for its Meta ad sets "
        "(meta.advantage_audience_settings: {'geo': 0}), which Meta alone has: kept on Meta as written, "
        "Google has nothing of them",
    ], result.output
    mirrored = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert mirrored["meta"]["advantage_audience_settings"] == {"age": 1, "gender": 1}
    assert midas("validate").code == 0
