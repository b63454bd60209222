"""Spec files edited round-trip (``midas mirror``, ``restore --write-specs``, audience extensions).

ruamel.yaml keeps comments, key order, quotes and flow style, but not all of a file's layout: it writes
``"\\n"`` line ends whatever the file's (it reads CRLF too: ``Path.read_text`` gives ``"\\n"``), and drops a
byte order mark and the ``---`` opening the first document with the comments above it. ``laid_out_like``
and ``write_spec_text`` put those back, so the lines an edit does not touch stay byte for byte (the README's
promise); ruamel indents every block list alike, as ``round_trip_yaml(like=…)`` finds the file's first
indented. Not kept: a line ``--- # comment`` opening the first document (ruamel keeps its comment, indented,
on a line of its own), a closing ``...``, a file mixing line ends (it is written with its first line's) or
indenting its block lists in several ways, and (``restore --write-specs``, whose ``importing.rewrite`` dumps
without the file's text) lists indented otherwise than the house style.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap


def round_trip_yaml(like: str = "") -> YAML:
    """A YAML that edits spec files round-trip: comments, key order, quotes and flow style kept; block lists
    indented as ``like`` (the file's text) indents its first (``_list_indent``), else in the house style
    (``importing.render``: the dash two spaces in from its key)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    # `[{text: free}]` stays as written, not the compact `[text: free]` ruamel emits by default.
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    # Never wrapped: ruamel emits every flow collection and plain scalar afresh, so a width would reflow the
    # long lines an edit never touched (leaving a trailing space where it breaks one); what an edit adds is
    # short already (``importing.render``'s house style inlines only what fits 72 columns).
    yaml.width = 1 << 16
    sequence, offset = _list_indent(like) or (4, 2)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    """A Decimal as the plain number it is: a whole one (``8``) under the int tag, else ruamel writes the
    float tag out (``!!float '8'``), as ``importing.render`` writes them."""
    text = format(value, "f")
    return representer.represent_scalar(
        "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text
    )


def _list_indent(text: str) -> tuple[int, int] | None:
    """How ``text`` indents its first block list under a key (ruamel writes one way throughout): its items'
    content and their dash, in from the key (``ad_groups:`` then ``  - name: x``: 4 and 2; ``- name: x`` at
    the key's own indentation: 2 and 0). None when it has none."""
    key: int | None = None
    for line in text.splitlines():
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        indent = len(line) - len(content)
        if key is not None and content.startswith("- ") and indent >= key:
            item = len(line) - len(content[1:].lstrip(" "))
            return item - key, indent - key
        key = indent if content.rstrip().endswith(":") else None
    return None


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


#: A UTF-8 byte order mark, which the spec loader allows and ruamel drops.
_BOM: Final = "\ufeff"


def laid_out_like(text: str, written: str) -> str:
    """``text`` (ruamel's dump of the spec file ``written``, edited) opening as ``written`` does: with its
    byte order mark, its ``---`` and the comments above it, which ruamel drops. Laid out already, ``text``
    stays as it is."""
    bom = _BOM if written.startswith(_BOM) else ""
    text = text.removeprefix(_BOM)
    opening = _opening(written.removeprefix(_BOM))
    if opening and not _opening(text):
        text = opening + text
    return bom + text


def write_spec_text(path: Path, text: str) -> None:
    """Write ``text`` (``"\\n"`` line ends) to the spec file ``path`` laid out as the file there is: its line
    ends (its first line's) and its opening ``---`` (``laid_out_like``). A new file gets ``"\\n"``."""
    written = path.read_bytes().decode("utf-8") if path.exists() else ""
    newline = "\r\n" if written.partition("\n")[0].endswith("\r") else "\n"
    path.write_text(laid_out_like(text, written.replace("\r\n", "\n")), encoding="utf-8", newline=newline)
