"""Meta ads in WhatsApp Status (``meta.placements: {whatsapp: [status]}``, beside Instagram's stories):
applied, planned, drifted, compared and mirrored through the whole CLI against the sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

#: The spring-sale campaign's ad sets in Instagram's stories and WhatsApp's Status: Meta's Status ads run only
#: beside Instagram's stories.
STATUS_PLACEMENTS = "    placements: {instagram: [story], whatsapp: [status]}\n"
RUNNERS = "adset/spring-sale/runners@meta:meta-main"
#: A Meta-only campaign whose ad sets run in Instagram's stories and WhatsApp's Status.
META_ONLY_IN_STATUS = """\
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
  meta:
    placements: {instagram: [story], whatsapp: [status]}
  ad_groups:
    - name: main
  creatives:
    - name: full
      headlines: [Launch Week, New Shoes Are Here, Shop the Launch]
      descriptions: [Fresh designs for every run., Free shipping this week only.]
      final_url: https://shop.example.com/launch
"""


def _in_whatsapp_status(workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "    placements: [facebook, instagram]\n" in text
    spec.write_text(
        text.replace("    placements: [facebook, instagram]\n", STATUS_PLACEMENTS), encoding="utf-8"
    )


def test_whatsapp_status_placement_converges_and_a_console_edit_of_it_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """``whatsapp: [status]`` compiles to ``publisher_platforms`` and ``whatsapp_positions``, reads back as
    sent (apply then plan is empty), and a console's change of the WhatsApp positions is drift of that field
    alone, which apply restores."""
    _in_whatsapp_status(workspace)
    planned = midas("plan", "--format", "json", "--account", "meta-main")
    assert planned.code == 0, planned.output
    targetings = [
        c["after"]["fields"]["targeting"]
        for c in json.loads(planned.output)["changes"]
        if c["address"].startswith("adset/") and c.get("after")
    ]
    assert targetings, planned.output
    for targeting in targetings:
        assert targeting["publisher_platforms"] == ["instagram", "whatsapp"]
        assert targeting["instagram_positions"] == ["story"]
        assert targeting["whatsapp_positions"] == ["status"]
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    assert midas("sandbox", "set", RUNNERS, "targeting.whatsapp_positions=[]").code == 0
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output
    assert "targeting.whatsapp_positions" in drift.output, drift.output
    assert "targeting.instagram_positions" not in drift.output
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0


def test_compare_shows_the_whatsapp_status_placement_as_meta_s_alone(midas: Midas, workspace: Path) -> None:
    """WhatsApp's positions are a row of Meta's alone, as other Meta positions are."""
    _in_whatsapp_status(workspace)
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: (f["google"], f["meta"], f["same"]) for f in compared["fields"]}
    assert rows["meta.placements"] == (None, {"instagram": ["story"], "whatsapp": ["status"]}, False)


def test_mirror_to_google_keeps_the_whatsapp_status_placement_for_meta_and_names_it(
    midas: Midas, workspace: Path
) -> None:
    """Mirrored to Google, the WhatsApp placement stays Meta's, named as needing attention like other
    positions."""
    (workspace / "specs" / "launch.yaml").write_text(META_ONLY_IN_STATUS, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    placements = {"instagram": ["story"], "whatsapp": ["status"]}
    assert (
        f"the campaign places its Meta ads by position (meta.placements: {placements}), which Meta alone has"
        in " ".join(result.output.split())
    ), result.output
    mirrored = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert mirrored["meta"]["placements"] == placements
    assert midas("validate").code == 0


def test_user_age_unknown_turned_off_on_a_whatsapp_status_ad_set_is_drift_apply_restores(
    midas: Midas, workspace: Path
) -> None:
    """Meta turns ``user_age_unknown`` on by default where WhatsApp's Status is placed, which MIDAS takes as
    the default it is (apply then plan is empty); a console turning it off is drift, and apply, sending the
    targeting without it, brings Meta's default back."""
    _in_whatsapp_status(workspace)
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    assert midas("sandbox", "set", RUNNERS, "targeting.user_age_unknown=false").code == 0
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output
    assert "targeting.user_age_unknown" in drift.output, drift.output
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
