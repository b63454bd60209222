"""How a Meta creative's asset feed reads (``spec._meta_messaging``): each messaging app's button compared by
type and app, Meta's own defaults and empties no content, all else MIDAS cannot hold, by path."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.spec._meta_messaging import several_apps_feed, unheld_feed

MESSENGER = {"type": "MESSAGE_PAGE", "value": {"app_destination": "MESSENGER"}}
WHATSAPP = {"type": "WHATSAPP_MESSAGE", "value": {"app_destination": "WHATSAPP"}}


@pytest.mark.parametrize(
    ("feed", "unheld"),
    [
        ({"call_to_actions": [MESSENGER, WHATSAPP]}, {}),
        ({"call_to_actions": [MESSENGER, WHATSAPP], "optimization_type": "REGULAR"}, {}),
        ({"call_to_actions": [MESSENGER], "reasons_to_shop": False, "shops_bundle": False}, {}),
        ({"call_to_actions": [MESSENGER], "additional_data": {"is_click_to_message": False}}, {}),
        ({"call_to_actions": [MESSENGER], "autotranslate": [], "ad_formats": None, "titles": ""}, {}),
        (
            {"call_to_actions": [MESSENGER], "optimization_type": "DEGREES_OF_FREEDOM"},
            {"asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM"},
        ),
        ({"shops_bundle": True}, {"asset_feed_spec.shops_bundle": True}),
        ({"additional_data": {"x": 1}}, {"asset_feed_spec.additional_data": {"x": 1}}),
    ],
    ids=["buttons", "regular", "false-flags", "empty-additional-data", "empties", "dof", "true-flag", "data"],
)
def test_meta_s_defaults_and_empties_are_no_unheld_content(
    feed: dict[str, Any], unheld: dict[str, Any]
) -> None:
    assert unheld_feed(feed) == unheld


def _with_value(button: dict[str, Any], **value: Any) -> dict[str, Any]:
    return {**button, "value": {**button["value"], **value}}


@pytest.mark.parametrize(
    ("button", "held"),
    [
        (_with_value(MESSENGER, link="https://fb.com/messenger_doc/"), True),
        (_with_value(MESSENGER, link=None, page_id=""), True),
        ({**MESSENGER, "adlabels": []}, True),
        (_with_value(MESSENGER, lead_gen_form_id="77"), False),
        ({**MESSENGER, "adlabels": [{"name": "x"}]}, False),
        ({"value": {"app_destination": "MESSENGER"}}, False),
    ],
    ids=["echoed-link", "empty-keys", "empty-action-key", "lead-form", "action-key", "no-type"],
)
def test_a_button_is_its_app_s_by_type_and_app_whatever_meta_echoes_beside(
    button: dict[str, Any], held: bool
) -> None:
    feed = {"call_to_actions": [button, WHATSAPP]}
    buttons = several_apps_feed(feed)
    assert buttons is not None
    apps = [b["value"]["app_destination"] for b in buttons["call_to_actions"]]
    assert ("MESSENGER" in apps) is held, buttons
    assert ("asset_feed_spec.call_to_actions[0]" in unheld_feed(feed)) is not held
    if held:
        assert buttons["call_to_actions"][0] == MESSENGER  # compared as MIDAS sends it
