"""Google app campaigns for engagement and for pre-registration (``google.app_campaign``): spec errors at the
field, what they compile to, and plan → apply → plan in the sandbox (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors.google_schema import APP_SUB_TYPE_GOALS
from midas_reconcile.connectors.sandbox import GoogleAdsFailure, SandboxWorld
from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.connectors.sandbox.connector import SandboxConnector
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.errors import SpecError
from midas_reconcile.resources import GOOGLE
from midas_reconcile.session import Session
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec.models import APP_KIND_GOALS, APP_SUB_TYPES
from tests.test_audience_targeting import audience
from tests.test_audience_targeting import write_workspace as audience_workspace

#: The audience an engagement campaign re-engages: a customer list uploaded to the Google account.
AUDIENCE = audience("players", "google: {account: google-main}")

ENGAGEMENT = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: comeback}
spec:
  platforms:
    google: {account: google-main}
  objective: app_promotion
  app: {store: app_store, id: "1234567890"}
  budget: {daily: 20.00}
  targeting:
    locations: [US]
    languages: [en]
    audiences: [players]
  google:
    app_campaign: engagement
    bidding:
      strategy: target_cpa
      target_cpa: 2.00
      conversion_actions: [7001]
  ad_groups:
    - name: lapsed
  creatives:
    - name: daily-bonus
      headlines: [Your Daily Bonus Awaits]
      descriptions: [Come back and claim today's reward.]
      google: {images: ["502", "501"]}
"""

PRE_REGISTRATION = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: launch}
spec:
  platforms:
    google: {account: google-main}
  objective: app_promotion
  app: {store: google_play, id: com.example.newgame}
  budget: {daily: 30.00}
  targeting:
    locations: [US]
  google:
    app_campaign: pre_registration
  creatives:
    - name: coming-soon
      headlines: [Pre-register Now, Coming Soon]
      descriptions: [Be first to play when it launches.]
      google: {images: ["601"]}
"""


def write_workspace(root: Path, *campaigns: str) -> Path:
    """The example settings, ``AUDIENCE`` and ``campaigns`` (default: both kinds): specs/c0.yaml, c1.yaml …"""
    first, *others = campaigns or (ENGAGEMENT, PRE_REGISTRATION)
    audience_workspace(root, first, AUDIENCE)
    (root / "specs" / "loyal.yaml").rename(root / "specs" / "c0.yaml")
    for index, text in enumerate(others, start=1):
        (root / "specs" / f"c{index}.yaml").write_text(text, encoding="utf-8")
    return root


def issues(root: Path) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return [(issue.field, issue.message) for issue in caught.value.issues]


def test_the_kinds_goals_are_the_sandboxs_sub_types_goals() -> None:
    assert {APP_SUB_TYPES[kind]: frozenset(goals) for kind, goals in APP_KIND_GOALS.items()} == (
        APP_SUB_TYPE_GOALS
    )


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (
            ENGAGEMENT.replace(
                "    google: {account: google-main}\n",
                "    google: {account: google-main}\n    meta: {account: meta-main}\n",
            ).replace(
                'app: {store: app_store, id: "1234567890"}',
                'app: {store: app_store, id: "1234567890", meta_app_id: "42"}',
            ),
            "spec.google.app_campaign",
            "an app campaign for engagement is Google's alone",
        ),
        (
            PRE_REGISTRATION.replace(
                "store: google_play, id: com.example.newgame", 'store: app_store, id: "77"'
            ),
            "spec.app.store",
            "promotes an Android app on Google Play only",
        ),
        (
            ENGAGEMENT.replace("      conversion_actions: [7001]\n", ""),
            "spec.google.bidding.conversion_actions",
            "which Google requires",
        ),
        (
            PRE_REGISTRATION.replace(
                "    app_campaign: pre_registration\n",
                "    app_campaign: pre_registration\n    bidding: {conversion_actions: [7001]}\n",
            ),
            "spec.google.bidding.conversion_actions",
            "whose conversion action Google adds itself",
        ),
        (
            ENGAGEMENT.replace(
                "      strategy: target_cpa\n      target_cpa: 2.00\n",
                "      app_goal: optimize_installs_without_target_install_cost\n",
            ),
            "spec.google.bidding.app_goal",
            "not a goal of a Google app campaign for engagement",
        ),
        (
            PRE_REGISTRATION.replace(
                "    app_campaign: pre_registration\n",
                "    app_campaign: pre_registration\n    bidding: {strategy: target_cpa, target_cpa: 1.00}\n",
            ),
            "spec.google.bidding.strategy",
            "app campaign for pre-registration bids for pre-registrations: expected maximize_conversions",
        ),
        (
            ENGAGEMENT.replace(
                "    - name: lapsed\n", "    - name: lapsed\n      google: {audience_mode: observation}\n"
            ),
            "spec.ad_groups[0].google.audience_mode",
            "MIDAS sends no audience mode for a Google app campaign's ad group",
        ),
        (
            PRE_REGISTRATION + "  ad_groups:\n    - {name: early, google: {audience_mode: targeting}}\n",
            "spec.ad_groups[0].google.audience_mode",
            "found audience_mode targeting; MIDAS sends no audience mode",
        ),
        (
            ENGAGEMENT.replace("    audiences: [players]\n", ""),
            "spec.ad_groups[0].targeting.audiences",
            "each ad group of a Google app campaign for engagement targets an audience",
        ),
        (
            ENGAGEMENT.replace("    app_campaign: engagement\n", ""),
            "spec.creatives[0].google.images",
            "MIDAS sends the images of app engagement and pre-registration ads only",
        ),
        (
            ENGAGEMENT.replace("objective: app_promotion", "objective: traffic").replace(
                '  app: {store: app_store, id: "1234567890"}\n', ""
            ),
            "spec.google.app_campaign",
            "it applies to a Google app campaign only",
        ),
    ],
)
def test_what_a_kind_cannot_hold_is_an_error_at_the_field(
    tmp_path: Path, text: str, field: str, expected: str
) -> None:
    found = issues(write_workspace(tmp_path / "ws", text))
    assert any(f == field and expected in m for f, m in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PRE_REGISTRATION.replace(
                "    app_campaign: pre_registration\n",
                "    app_campaign: pre_registration\n    bidding: {target_cpa: 1.00}\n",
            ),
            [
                (
                    "spec.google.bidding.target_cpa",
                    "found target_cpa; a Google app campaign for pre-registration bids maximize_conversions "
                    "for pre-registrations without a target: expected none",
                )
            ],
        ),
        (
            ENGAGEMENT.replace(
                "    - name: lapsed\n",
                "    - name: lapsed\n      targeting: {languages: [fr], exclude: {locations: [GB]}}\n",
            ),
            [
                (
                    f"spec.ad_groups[0].targeting.{name}",
                    f"found {name}; a Google app campaign for engagement sets locations and languages per "
                    "campaign and runs on Google alone, so an ad group's own would apply nowhere: expected "
                    "them in spec.targeting",
                )
                for name in ("languages", "exclude.locations")
            ],
        ),
    ],
)
def test_what_applies_nowhere_is_one_clear_error_at_the_field(
    tmp_path: Path, text: str, expected: list[tuple[str, str]]
) -> None:
    """A pre-registration campaign's target (it takes none), and an engagement ad group's own places
    (Google's alone, set per campaign: no Meta ad set to apply to)."""
    assert issues(write_workspace(tmp_path / "ws", text)) == expected


def test_an_engagement_campaign_may_target_audiences_but_exclude_none(tmp_path: Path) -> None:
    text = ENGAGEMENT.replace(
        "    audiences: [players]\n", "    audiences: [players]\n    exclude: {audiences: [lapsed]}\n"
    )
    root = write_workspace(tmp_path / "ws", text)
    with (root / "specs" / "audiences.yaml").open("a", encoding="utf-8") as out:
        out.write("---\n" + audience("lapsed", "google: {account: google-main}"))
    assert issues(root) == [
        (
            "spec.targeting.exclude.audiences",
            "found exclude.audiences; a Google app campaign for engagement targets locations, languages and "
            "audiences only (and excludes none)",
        )
    ]


def compiled(root: Path) -> dict[tuple[str, str], dict[str, Any]]:
    result = compile_workspace(load_workspace(root, env={}), resolver_for=lambda _account: None)
    return {
        (r.address.kind, r.address.path): dict(r.fields)
        for r in result.resources
        if r.address.platform == GOOGLE and r.address.kind != "user_list"
    }


def test_an_engagement_campaign_compiles_to_its_sub_type_goal_audiences_and_engagement_ads(
    tmp_path: Path,
) -> None:
    google = compiled(write_workspace(tmp_path / "ws", ENGAGEMENT))
    campaign = google.pop(("campaign", "comeback"))
    assert campaign["advertising_channel_sub_type"] == "APP_CAMPAIGN_FOR_ENGAGEMENT"
    assert campaign["app_campaign_setting"] == {
        "app_id": "1234567890",
        "app_store": "APPLE_APP_STORE",
        "bidding_strategy_goal_type": "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
    }
    assert (campaign["bidding_strategy_type"], campaign["conversion_actions"]) == ("TARGET_CPA", ["7001"])
    assert google.pop(("ad_group_criterion", "comeback/lapsed/user_list:players")) == {
        "type": "USER_LIST",
        "user_list": "players",
    }
    assert google.pop(("ad_group_ad", "comeback/lapsed/daily-bonus")) == {
        "status": "ENABLED",
        "type": "APP_ENGAGEMENT_AD",
        "headlines": ["Your Daily Bonus Awaits"],
        "descriptions": ["Come back and claim today's reward."],
        "images": ["501", "502"],
    }
    assert sorted(kind for kind, _path in google) == [
        "ad_group",
        "campaign_budget",
        "campaign_criterion",
        "campaign_criterion",
    ]


@pytest.mark.parametrize(
    ("bidding", "goal"),
    [
        ("strategy: maximize_conversions", "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA"),
        ("strategy: target_roas\n      target_roas: 3", "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND"),
        ("strategy: maximize_conversion_value", "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS"),
    ],
)
def test_an_engagement_campaigns_goal_follows_its_strategy(tmp_path: Path, bidding: str, goal: str) -> None:
    text = ENGAGEMENT.replace("strategy: target_cpa\n      target_cpa: 2.00", bidding)
    google = compiled(write_workspace(tmp_path / "ws", text))
    assert google[("campaign", "comeback")]["app_campaign_setting"]["bidding_strategy_goal_type"] == goal


def test_a_pre_registration_campaign_compiles_to_its_sub_type_goal_and_pre_registration_ads(
    tmp_path: Path,
) -> None:
    google = compiled(write_workspace(tmp_path / "ws", PRE_REGISTRATION))
    campaign = google[("campaign", "launch")]
    assert campaign["advertising_channel_sub_type"] == "APP_CAMPAIGN_FOR_PRE_REGISTRATION"
    assert campaign["app_campaign_setting"] == {
        "app_id": "com.example.newgame",
        "app_store": "GOOGLE_APP_STORE",
        "bidding_strategy_goal_type": "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
    }
    assert (
        campaign["bidding_strategy_type"] == "MAXIMIZE_CONVERSIONS" and "conversion_actions" not in campaign
    )
    assert google[("ad_group_ad", "launch/default/coming-soon")] == {
        "status": "ENABLED",
        "type": "APP_PRE_REGISTRATION_AD",
        "headlines": ["Coming Soon", "Pre-register Now"],
        "descriptions": ["Be first to play when it launches."],
        "images": ["601"],
    }
    assert not [key for key in google if key[0] == "ad_group_criterion"]


# --- plan, apply, plan in the sandbox --------------------------------------------------------------


@pytest.fixture
def session(tmp_path: Path, state_url: str) -> Iterator[Session]:
    with Session(write_workspace(tmp_path / "ws"), state_url=state_url, sleep=lambda _s: None) as opened:
        yield opened


def test_both_kinds_apply_in_the_sandbox_and_converge(session: Session) -> None:
    result = session.apply(session.plan())
    assert result.ok, result.failures
    assert not session.plan().plan.has_changes
    connector = session.connector("google-main")
    assert isinstance(connector, SandboxConnector)
    sim, cid = GoogleAdsSimulator(connector.world), connector.native_id
    campaigns = {c["name"]: c for c in sim.peek(cid, "campaign")}
    assert campaigns["comeback"]["advertising_channel_sub_type"] == "APP_CAMPAIGN_FOR_ENGAGEMENT"
    assert campaigns["comeback"]["selective_optimization"] == {
        "conversion_actions": [f"customers/{cid}/conversionActions/7001"]
    }
    assert campaigns["launch"]["advertising_channel_sub_type"] == "APP_CAMPAIGN_FOR_PRE_REGISTRATION"
    ads = {
        next(iter(set(a["ad"]) & {"app_engagement_ad", "app_pre_registration_ad"})): a["ad"]
        for a in sim.peek(cid, "ad_group_ad")
    }
    assert ads["app_engagement_ad"]["app_engagement_ad"]["images"] == [
        {"asset": f"customers/{cid}/assets/501"},
        {"asset": f"customers/{cid}/assets/502"},
    ]
    assert ads["app_pre_registration_ad"]["type"] == "APP_PRE_REGISTRATION_AD"
    (criterion,) = [c for c in sim.peek(cid, "ad_group_criterion")]
    assert (criterion["type"], criterion["negative"]) == ("USER_LIST", False)


# --- the sandbox's Google Ads API --------------------------------------------------------------------

CID = "1234567890"
_GOALS = {
    "APP_CAMPAIGN_FOR_ENGAGEMENT": "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
    "APP_CAMPAIGN_FOR_PRE_REGISTRATION": "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
}
_INFO = {
    "APP_CAMPAIGN": "app_ad",
    "APP_CAMPAIGN_FOR_ENGAGEMENT": "app_engagement_ad",
    "APP_CAMPAIGN_FOR_PRE_REGISTRATION": "app_pre_registration_ad",
}


def _name(collection: str, id_: int | str) -> str:
    return f"customers/{CID}/{collection}/{id_}"


def _campaign_ops(sub_type: str, **campaign: Any) -> list[dict[str, Any]]:
    """A budget and an app campaign of ``sub_type`` (its defaults replaced by ``campaign``; None: left out)
    with an ad group."""
    setting = {
        "app_id": "com.example.game",
        "app_store": "GOOGLE_APP_STORE",
        "bidding_strategy_goal_type": _GOALS[sub_type],
    }
    fields: dict[str, Any] = {
        "resource_name": _name("campaigns", -2),
        "name": "app",
        "advertising_channel_type": "MULTI_CHANNEL",
        "advertising_channel_sub_type": sub_type,
        "app_campaign_setting": setting,
        "campaign_budget": _name("campaignBudgets", -1),
        "maximize_conversions": {},
        **campaign,
    }
    if sub_type == "APP_CAMPAIGN_FOR_ENGAGEMENT":
        fields.setdefault(
            "selective_optimization", {"conversion_actions": [_name("conversionActions", 7001)]}
        )
    budget = {"resource_name": _name("campaignBudgets", -1), "name": "b", "amount_micros": 10_000_000}
    group = {"resource_name": _name("adGroups", -3), "name": "g", "campaign": _name("campaigns", -2)}
    return [
        {"campaign_budget_operation": {"create": {**budget, "explicitly_shared": False}}},
        {"campaign_operation": {"create": {k: v for k, v in fields.items() if v is not None}}},
        {"ad_group_operation": {"create": group}},
    ]


def _ad_op(info: str, **extra: Any) -> dict[str, Any]:
    ad = {"headlines": [{"text": "Play again"}], "descriptions": [{"text": "New levels."}], **extra}
    return {"ad_group_ad_operation": {"create": {"ad_group": _name("adGroups", -3), "ad": {info: ad}}}}


def _user_list_op(list_id: str, negative: bool = False) -> dict[str, Any]:
    criterion = {"ad_group": _name("adGroups", -3), "user_list": {"user_list": _name("userLists", list_id)}}
    return {"ad_group_criterion_operation": {"create": {**criterion, "negative": negative}}}


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[tuple[GoogleAdsSimulator, str]]:
    world = SandboxWorld(tmp_path / "sandbox.db", sleep=lambda _s: None)
    try:
        list_id = AudienceSimulator(world).add_console_audience("google", CID, "players")
        yield GoogleAdsSimulator(world), list_id
    finally:
        world.close()


def test_the_api_takes_each_sub_type_with_its_own_ads_and_images(sim: tuple[GoogleAdsSimulator, str]) -> None:
    simulator, list_id = sim
    image = {"images": [{"asset": _name("assets", 501)}]}
    simulator.mutate(
        CID,
        [
            *_campaign_ops("APP_CAMPAIGN_FOR_ENGAGEMENT"),
            _user_list_op(list_id),
            _ad_op("app_engagement_ad", **image, videos=[{"asset": _name("assets", 9)}]),
        ],
    )
    ops = _campaign_ops("APP_CAMPAIGN_FOR_PRE_REGISTRATION")
    ops[0]["campaign_budget_operation"]["create"]["name"] = "b2"
    ops[1]["campaign_operation"]["create"]["name"] = "launch"
    simulator.mutate(CID, [*ops, _ad_op("app_pre_registration_ad", **image)])
    types = sorted(a["ad"]["type"] for a in simulator.peek(CID, "ad_group_ad"))
    assert types == ["APP_ENGAGEMENT_AD", "APP_PRE_REGISTRATION_AD"]


@pytest.mark.parametrize(
    ("ops", "code", "field_path"),
    [
        pytest.param(
            lambda list_id: [*_campaign_ops("APP_CAMPAIGN_FOR_ENGAGEMENT"), _ad_op("app_ad")],
            "ad_error.INVALID_AD_TYPE",
            "create.ad.app_ad",
            id="an app ad in an engagement campaign",
        ),
        pytest.param(
            lambda list_id: [
                *_campaign_ops("APP_CAMPAIGN_FOR_PRE_REGISTRATION"),
                _ad_op("app_engagement_ad"),
            ],
            "ad_error.INVALID_AD_TYPE",
            "create.ad.app_engagement_ad",
            id="an engagement ad in a pre-registration campaign",
        ),
        pytest.param(
            lambda list_id: [
                *_campaign_ops("APP_CAMPAIGN_FOR_ENGAGEMENT"),
                _ad_op("app_pre_registration_ad"),
            ],
            "ad_error.INVALID_AD_TYPE",
            "create.ad.app_pre_registration_ad",
            id="a pre-registration ad in an engagement campaign",
        ),
        pytest.param(
            lambda list_id: _campaign_ops(
                "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
                app_campaign_setting={
                    "app_id": "284882215",
                    "app_store": "APPLE_APP_STORE",
                    "bidding_strategy_goal_type": "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
                },
            ),
            "campaign_error.CANNOT_CREATE_APP_PRE_REGISTRATION_FOR_NON_ANDROID_APP",
            "create.app_campaign_setting.app_store",
            id="a pre-registration campaign for an App Store app",
        ),
        pytest.param(
            lambda list_id: _campaign_ops(
                "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
                app_campaign_setting={
                    "app_id": "com.example.game",
                    "app_store": "GOOGLE_APP_STORE",
                    "bidding_strategy_goal_type": "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST",
                },
            ),
            "campaign_error.INCOMPATIBLE_CAMPAIGN_FIELD",
            "create.app_campaign_setting.bidding_strategy_goal_type",
            id="an install goal in a pre-registration campaign",
        ),
        pytest.param(
            lambda list_id: _campaign_ops("APP_CAMPAIGN_FOR_ENGAGEMENT", selective_optimization={}),
            "campaign_error.AT_LEAST_ONE_CONVERSION_MUST_BE_SELECTED",
            "create.selective_optimization.conversion_actions",
            id="an engagement campaign optimising for no conversion action",
        ),
        pytest.param(
            lambda list_id: _campaign_ops(
                "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
                selective_optimization={"conversion_actions": [_name("conversionActions", 7001)]},
            ),
            "field_error.VALUE_MUST_BE_UNSET",
            "create.selective_optimization.conversion_actions",
            id="a pre-registration campaign optimising for chosen conversion actions",
        ),
        pytest.param(
            lambda list_id: [
                *_campaign_ops("APP_CAMPAIGN_FOR_ENGAGEMENT"),
                _user_list_op(list_id, negative=True),
            ],
            "criterion_error.CANNOT_EXCLUDE_CRITERIA_TYPE",
            "create.negative",
            id="an engagement ad group excluding a user list",
        ),
        pytest.param(
            lambda list_id: [*_campaign_ops("APP_CAMPAIGN_FOR_PRE_REGISTRATION"), _user_list_op(list_id)],
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            "create.user_list",
            id="a pre-registration ad group targeting a user list",
        ),
    ],
)
def test_the_api_refuses_what_a_sub_type_cannot_hold(
    sim: tuple[GoogleAdsSimulator, str], ops: Any, code: str, field_path: str
) -> None:
    simulator, list_id = sim
    with pytest.raises(GoogleAdsFailure) as caught:
        simulator.mutate(CID, ops(list_id))
    assert (caught.value.code, caught.value.errors[0].field_path) == (code, field_path)
    assert simulator.peek(CID, "campaign") == []


def test_changing_the_kind_of_a_live_app_campaign_is_a_plan_violation(session: Session) -> None:
    """The sub type is immutable (v26 Campaign.advertising_channel_sub_type) and a campaign cannot be
    replaced under its name and budget: the plan refuses, as for a changed app."""
    assert session.apply(session.plan()).ok
    spec = session.workspace.root / "specs" / "c1.yaml"
    installs = PRE_REGISTRATION.replace("app_campaign: pre_registration", "app_campaign: installs")
    spec.write_text(installs.replace('      google: {images: ["601"]}\n', ""), encoding="utf-8")
    session.reload()
    plan = session.plan().plan
    assert [v for v in plan.violations if v.startswith("campaign/launch@google")], plan.violations
