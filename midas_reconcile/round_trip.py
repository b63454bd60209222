"""Spec files edited round-trip (``midas mirror``, ``restore --write-specs``, audience extensions).

ruamel.yaml keeps comments, key order, quotes and flow style, but not all of a file's layout: it writes
``"\\n"`` line ends whatever the file's (it reads CRLF too: ``Path.read_text`` gives ``"\\n"``), and drops the
``---`` opening the first document with the comments above it. ``laid_out_like`` and ``write_spec_text`` put
those back, so the lines an edit does not touch stay byte for byte (the README's promise). Not kept: a line
``--- # comment`` opening the first document (ruamel keeps its comment, indented, on a line of its own), a
closing ``...``, and a file mixing line ends (it is written with its first line's).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap


def round_trip_yaml() -> YAML:
    """A YAML that edits spec files round-trip: comments, key order, quotes and flow style kept."""
    yaml = YAML()
    yaml.preserve_quotes = True
    # `[{text: free}]` stays as written, not the compact `[text: free]` ruamel emits by default.
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    # Never wrapped: ruamel emits every flow collection and plain scalar afresh, so a width would reflow the
    # long lines an edit never touched (leaving a trailing space where it breaks one); what an edit adds is
    # short already (``importing.render``'s house style inlines only what fits 72 columns).
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        Decimal, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float", format(v, "f"))
    )
    return yaml


def flow_mapping(**items: Any) -> CommentedMap:
    """A mapping written in flow style (``{account: A}``)."""
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def _opening(text: str) -> str:
    """The lines of ``text`` up to its first document's bare ``---``, comments and blank lines before it
    included ("" when the first document opens otherwise: with its content, a directive ruamel keeps)."""
    end = 0
    for line in text.splitlines(keepends=True):
        end += len(line)
        if line.rstrip() == "---":
            return text[:end]
        if line.strip() and not line.lstrip().startswith("#"):
            return ""
    return ""


def laid_out_like(text: str, written: str) -> str:
    """``text`` (ruamel's dump of the spec file ``written``, edited) opening as ``written`` does: with its
    ``---`` and the comments above it, which ruamel drops."""
    opening = _opening(written)
    if not opening or _opening(text):
        return text
    return opening + text


def write_spec_text(path: Path, text: str) -> None:
    """Write ``text`` (``"\\n"`` line ends) to the spec file ``path`` laid out as the file there is: its line
    ends (its first line's) and its opening ``---`` (``laid_out_like``). A new file gets ``"\\n"``."""
    written = path.read_bytes().decode("utf-8") if path.exists() else ""
    newline = "\r\n" if written.partition("\n")[0].endswith("\r") else "\n"
    path.write_text(laid_out_like(text, written.replace("\r\n", "\n")), encoding="utf-8", newline=newline)
