"""What Meta's asset feed options share (``spec._meta_text_options``, ``spec._meta_media_options``): the
feed's ``optimization_type`` MIDAS sends, what an echoed value saying nothing is, and where a creative may
carry options at all (on Meta, in no ad set opening several messaging apps, whose feed holds their buttons).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.spec.models import (
    MULTI_DESTINATION_TYPES,
    CampaignSpec,
    Creative,
    adset_destination,
    meta_adset_groups,
)

#: What MIDAS sends as an asset feed's ``optimization_type`` beside its text, image or video options
#: (unconfirmed outside a dynamic creative: ``spec._meta_text_options``), and what Meta may read back.
OPTIMIZATION_TYPE: Final = "DEGREES_OF_FREEDOM"


def empty(value: Any) -> bool:
    """Whether ``value`` says nothing: None, false, empty text or list, or a mapping of such values only."""
    if isinstance(value, Mapping):
        return all(empty(v) for v in value.values())
    return value is None or value is False or value in ("", [])


def on_meta(creative: Creative, spec: CampaignSpec) -> bool:
    """Whether ``creative`` runs on Meta: its campaign does, and the creative names no platforms or Meta."""
    return spec.platforms.meta is not None and (creative.platforms is None or "meta" in creative.platforms)


def several_apps_adsets(creative: Creative, spec: CampaignSpec) -> list[str]:
    """The names of the ad sets showing ``creative`` that open several messaging apps, whose asset feed holds
    each app's button (options beside them are refused there)."""
    return [
        g.name
        for _, g in meta_adset_groups(spec)
        if (g.creatives is None or creative.name in g.creatives)
        and adset_destination(spec, g) in MULTI_DESTINATION_TYPES.values()
    ]


def only_dynamic_adsets(creative: Creative, spec: CampaignSpec) -> bool:
    """Whether every Meta ad set showing ``creative`` is a Dynamic Creative one (``meta.dynamic_creative``),
    and one does: where an image creative may offer videos too (``AUTOMATIC_FORMAT``:
    ``spec._meta_dynamic_creative``)."""
    showing = [g for _, g in meta_adset_groups(spec) if g.creatives is None or creative.name in g.creatives]
    return bool(showing) and all(g.meta.dynamic_creative for g in showing)
