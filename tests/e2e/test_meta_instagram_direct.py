"""Meta click-to-Instagram Direct ads (``meta.destination: instagram``) through the CLI on the sandbox:
applied as Meta accepts them (run as the account's Instagram account), converged, a console change of that
account reported as drift, imported and adopted exactly, and refused where the spec cannot say them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_messaging import (
    INSTAGRAM_LINK,
    INSTAGRAM_USER_ID,
    PAGE_ID,
    instagram_by_hand,
    with_an_instagram_campaign,
    with_instagram,
    with_page,
)

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def test_an_instagram_direct_ad_set_applies_as_meta_accepts_it_and_converges(
    midas: Midas, workspace: Path
) -> None:
    with_an_instagram_campaign(with_instagram(with_page(workspace)))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adset = meta_live_nodes(workspace, "adset")["instagram-dms"]
    assert (adset["destination_type"], adset["optimization_goal"], adset["promoted_object"]) == (
        "INSTAGRAM_DIRECT",
        "CONVERSATIONS",
        {"page_id": PAGE_ID},
    )
    story = meta_live_nodes(workspace, "adcreative")["dms/instagram-dms/dm-us"]["object_story_spec"]
    assert (story["page_id"], story["instagram_user_id"]) == (PAGE_ID, INSTAGRAM_USER_ID)
    assert story["link_data"]["call_to_action"] == {
        "type": "INSTAGRAM_MESSAGE",
        "value": {"link": INSTAGRAM_LINK, "app_destination": "INSTAGRAM_DIRECT"},
    }


def test_a_console_change_of_the_instagram_account_is_drift(midas: Midas, workspace: Path) -> None:
    with_an_instagram_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox",
        "set",
        "adcreative/dms/instagram-dms/dm-us@meta",
        'object_story_spec.instagram_user_id="42"',
    )
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "instagram_user_id" in drift.output and "42" in drift.output, drift.output


def test_an_instagram_direct_campaign_without_the_account_s_instagram_account_is_refused_at_its_line(
    midas: Midas, workspace: Path
) -> None:
    with_an_instagram_campaign(with_page(workspace))
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/dms.yaml:14:18" in result.output, result.output
    assert "expected 'instagram_user_id' on Meta account 'meta-main' in midas.yaml" in result.output


def test_an_instagram_direct_ad_set_placed_off_instagram_is_refused_at_its_line(
    midas: Midas, workspace: Path
) -> None:
    with_an_instagram_campaign(with_instagram(with_page(workspace)))
    spec = workspace / "specs" / "dms.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "- name: instagram-dms", "- name: instagram-dms\n      meta: {placements: [facebook]}"
        ),
        encoding="utf-8",
    )
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/dms.yaml:17" in result.output, result.output
    assert "expected instagram among them" in result.output, result.output


def test_a_hand_built_instagram_direct_campaign_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_instagram(with_page(workspace))
    instagram_by_hand(workspace)
    adopted = midas("import", "--account", "meta-main", "--campaign", "DM Us", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (workspace / "specs" / "imported" / "dm-us.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert spec["meta"]["destination"] == "instagram", text
    assert "final_url" not in text and "call_to_action" not in text, text


@pytest.mark.parametrize(
    ("instagram", "account", "refusal"),
    [
        ("999", INSTAGRAM_USER_ID, "runs as Instagram account 999, not the one MIDAS runs"),
        (INSTAGRAM_USER_ID, None, f'set its instagram_user_id: "{INSTAGRAM_USER_ID}" there'),
    ],
    ids=["another-instagram-account", "none-in-midas-yaml"],
)
def test_import_refuses_an_instagram_direct_ad_the_spec_cannot_say(
    midas: Midas, workspace: Path, instagram: str | None, account: str | None, refusal: str
) -> None:
    with_page(workspace)
    if account is not None:
        with_instagram(workspace, account)
    instagram_by_hand(workspace, instagram_user_id=instagram)
    result = midas("import", "--account", "meta-main", "--campaign", "DM Us")
    assert result.code == 1 and refusal in result.output, result.output


def test_mirror_to_google_names_an_instagram_direct_ad_set_as_the_spec_writes_it(
    midas: Midas, workspace: Path
) -> None:
    with_an_instagram_campaign(with_instagram(with_page(workspace)))
    result = midas("mirror", "campaign/dms", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert "ad group 'instagram-dms' (instagram) opens a conversation on Meta" in result.output, result.output


def test_an_ad_naming_its_instagram_account_by_the_older_key_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """``instagram_actor_id`` (deprecated by Meta in v22.0) reads as the Instagram account too."""
    instagram_by_hand(with_instagram(with_page(workspace)))
    edited = midas(
        "sandbox",
        "set",
        "adcreative/DM Us/Instagram/Instagram ad@meta",
        "object_story_spec.instagram_user_id=null",
        f'object_story_spec.instagram_actor_id="{INSTAGRAM_USER_ID}"',
    )
    assert edited.code == 0, edited.output
    story = meta_live_nodes(workspace, "adcreative")["Instagram ad creative"]["object_story_spec"]
    assert (story.get("instagram_user_id"), story["instagram_actor_id"]) == (None, INSTAGRAM_USER_ID)
    adopted = midas("import", "--account", "meta-main", "--campaign", "DM Us", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
