"""Spec documents as YAML in the house style of the example specs (what `import` and `restore` write)."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


class _SpecDumper(yaml.SafeDumper):
    """The house style of the example specs: block mappings in insertion order, nested lists indented,
    short lists and small mappings of scalars inline (``ages: {min: 25, max: 54}``, ``locations: [CA,
    US]``), Decimals as plain numbers (the loader reads them back exactly, never through a float). An object
    reached twice is written out at each place, never as an anchor and alias (``&id001`` / ``*id001``): a
    spec is edited by hand, where an alias would tie two ad groups' settings together."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


_INLINE_WIDTH = 72


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


class _FlowDumper(yaml.SafeDumper):
    """Writes a list or mapping of scalars inline, as the spec dumper would: to measure it."""


def _fits_inline(value: list[Any] | dict[str, Any]) -> bool:
    """Whether ``value`` written inline (``{text: warm gloves, match: phrase, cpc_bid: 0.80}``) is short."""
    written = yaml.dump(value, Dumper=_FlowDumper, default_flow_style=True, allow_unicode=True, width=10**6)
    return len(written.strip()) <= _INLINE_WIDTH


def _represent_list(dumper: _SpecDumper, value: list[Any]) -> Any:
    inline = all(_is_scalar(v) for v in value) and _fits_inline(value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


def _represent_dict(dumper: _SpecDumper, value: dict[str, Any]) -> Any:
    inline = len(value) <= 3 and all(_is_scalar(v) for v in value.values()) and _fits_inline(value)
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=inline)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> Any:
    text = format(value, "f")
    return dumper.represent_scalar(
        "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text
    )


_SpecDumper.add_representer(list, _represent_list)
_SpecDumper.add_representer(dict, _represent_dict)
_SpecDumper.add_representer(Decimal, _represent_decimal)
_FlowDumper.add_representer(Decimal, _represent_decimal)


def render_document(document: dict[str, Any], header: Sequence[str]) -> str:
    body = yaml.dump(document, Dumper=_SpecDumper, sort_keys=False, allow_unicode=True, width=110)
    return "".join(f"# {line}\n" for line in header) + body


def shown_path(root: Path, file: Path) -> str:
    """``file`` as a command shows it: relative to the workspace ``root`` when inside it."""
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


def slug(name: str, fallback: str = "campaign") -> str:
    """A file name for a document name: lower case, runs of other characters as one '-'."""
    return re.sub(r"[^a-z0-9._]+", "-", name.lower()).strip("-.") or fallback


def fresh_file(folder: Path, stem: str, taken: Container[Path], problems: list[str]) -> Path:
    """``folder/<stem>.yaml`` for a document an import writes, or ``<stem>-2.yaml`` … when another of the
    same import took it (two names can make one slug); a file already on disk is a problem: nothing is
    ever overwritten."""
    file = folder / f"{stem}.yaml"
    number = 2
    while file in taken:
        file = folder / f"{stem}-{number}.yaml"
        number += 1
    if file.exists():
        problems.append(f"{file} already exists; pass another --out or move it")
    return file
