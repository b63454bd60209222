"""A JSON Schema (draft 2020-12) of a MIDAS document, derived from the pydantic models.

The envelope (``apiVersion`` const, ``kind`` enum, ``metadata``) is assembled here; each kind's ``spec``
schema comes from its model, selected by ``kind`` with ``if``/``then`` so that editors (yaml-language-server)
complete and check the right fields for the kind at hand.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from midas_reconcile.spec.loader import API_VERSION, KINDS
from midas_reconcile.spec.models import Metadata

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID: Final = "https://midas-reconcile.dev/schema/midas-v1.json"


def json_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict (stable: same output on every call)."""
    models: list[type[BaseModel]] = [Metadata, *KINDS.values()]
    refs, definitions = models_json_schema(
        [(m, "validation") for m in models], ref_template="#/$defs/{model}"
    )
    spec_ref = {kind: refs[(model, "validation")] for kind, model in KINDS.items()}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "MIDAS document",
        "description": f"One YAML document of a MIDAS workspace (apiVersion {API_VERSION}).",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": {"const": API_VERSION},
            "kind": {"enum": list(KINDS)},
            "metadata": refs[(Metadata, "validation")],
            "spec": {"type": "object"},
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"properties": {"spec": ref}},
            }
            for kind, ref in spec_ref.items()
        ],
        "$defs": definitions.get("$defs", {}),
    }
