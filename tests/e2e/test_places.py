"""Cities and postal codes in unified targeting (``San Francisco, US-CA``, ``US:94103``) on both platforms,
in the sandbox: compiled, applied, converged, drifted, imported and mirrored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from fakes.hand_built import PLACES, holiday_sale

Midas = Callable[..., Any]
CITY, CODE, EXCLUDED = PLACES


def test_import_reads_cities_and_postal_codes_into_the_notation_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    holiday_sale(bare, places=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    targeting = yaml.safe_load(text)["spec"]["targeting"]
    assert targeting["locations"] == [CITY, "US", CODE]  # one list: both platforms target the same places
    assert targeting["exclude"]["locations"] == [EXCLUDED]
    assert midas("plan", "--detailed-exitcode").code == 0
