"""`midas drift` through the CLI: each console edit (`midas sandbox set`) told once, in the words of what the
plan does with it; an edit the platform would refuse is refused by the console too."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _findings(midas: Midas, address: str) -> list[dict[str, Any]]:
    run = midas("drift", "--format", "json")
    assert run.code == 2, run.output
    return [i for i in json.loads(run.output)["items"] if i["address"] == address]


def test_a_meta_marker_removed_in_a_console_is_one_finding(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta", "adlabels=[]").code == 0
    found = _findings(midas, "campaign/spring-sale@meta:meta-main")
    assert [(i["kind"], i["message"], i["fields"]) for i in found] == [
        ("unmarked", "the `midas-managed` marker was removed out of band", [])
    ]


def test_the_console_refuses_meta_labels_of_a_shape_the_graph_api_refuses(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    refused = midas("sandbox", "set", "campaign/spring-sale@meta", 'adlabels=["midas-managed"]')
    assert refused.code == 1
    assert (
        "Error: campaign/spring-sale@meta:meta-main: adlabels: (#100) Param adlabels must be a list of"
        in (refused.output)
    )
    assert "Traceback" not in refused.output
    assert midas("drift").code == 0  # nothing stored
