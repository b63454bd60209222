"""`midas drift` through the CLI: each console edit told once, in the words of what the plan does with it."""

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
