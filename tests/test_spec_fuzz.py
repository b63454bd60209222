"""Fuzz: no input, however mangled, makes the loader fail with anything but a SpecError.

Starts from the example workspace shipped in the repository and mutates it at random, both as data
(drop, rename and retype keys; random scalars, unicode, deep nesting) and as text (truncation, inserted
characters, deleted slices). ``load_workspace`` must then either succeed or raise ``SpecError`` whose
issues all name a file, a positive line and column, and a message.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from midas_reconcile.errors import SpecError
from midas_reconcile.spec import Workspace, load_workspace

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted([*REPO.glob("specs/*.yaml"), *REPO.glob("policies/*.yaml")])
SETTINGS_TEXT = (REPO / "midas.yaml").read_text(encoding="utf-8")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["", " ", "US", "en", "google-main", "act_1", "0.1", "1e400", "-.inf", "~", "?"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _mutate(document: Any, data: st.DataObject) -> Any:
    """One random structural change somewhere in ``document``."""
    paths = _paths(document)
    path = data.draw(st.sampled_from(paths), label="path")
    if not path:
        return data.draw(values, label="whole document")
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = data.draw(st.sampled_from(["drop", "rename", "replace", "nest", "duplicate"]), label="action")
    if action == "drop":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[data.draw(st.text(max_size=12), label="new key")] = parent.pop(last)
    elif action == "nest":
        parent[last] = [[[[parent[last]]]]]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[last])
    else:
        parent[last] = data.draw(values, label="new value")
    return document


def _text_mutation(text: str, data: st.DataObject) -> str:
    action = data.draw(st.sampled_from(["truncate", "insert", "delete", "none"]), label="text action")
    if not text or action == "none":
        return text
    at = data.draw(st.integers(0, len(text)), label="offset")
    if action == "truncate":
        return text[:at]
    if action == "insert":
        return text[:at] + data.draw(st.text(min_size=1, max_size=5), label="inserted") + text[at:]
    end = data.draw(st.integers(at, min(len(text), at + 20)), label="end")
    return text[:at] + text[end:]


def _dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def _check(root: Path, write: Callable[[Path], None]) -> None:
    write(root)
    try:
        workspace = load_workspace(root, env={})
    except SpecError as error:
        assert error.issues, "a SpecError must carry at least one issue"
        for issue in error.issues:
            assert issue.file and issue.line >= 1 and issue.column >= 1 and issue.message
    else:
        assert isinstance(workspace, Workspace)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _fresh(scratch: Path) -> Path:
    root = Path(tempfile.mkdtemp(dir=scratch))
    (root / "specs").mkdir()
    (root / "policies").mkdir()
    return root


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), example=st.sampled_from(EXAMPLES))
def test_mutated_documents_raise_only_spec_errors(scratch: Path, data: st.DataObject, example: Path) -> None:
    documents = list(yaml.safe_load_all(example.read_text(encoding="utf-8")))
    index = data.draw(st.integers(0, len(documents) - 1), label="document")
    documents[index] = _mutate(documents[index], data)
    text = _text_mutation(yaml.safe_dump_all(documents, allow_unicode=True, sort_keys=False), data)
    root = _fresh(scratch)

    def write(root: Path) -> None:
        (root / "midas.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
        (root / example.parent.name / example.name).write_text(text, encoding="utf-8")
        for other in EXAMPLES:
            if other != example:
                shutil.copy(other, root / other.parent.name / other.name)

    _check(root, write)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_settings_raise_only_spec_errors(scratch: Path, data: st.DataObject) -> None:
    document = _mutate(yaml.safe_load(SETTINGS_TEXT), data)
    text = _text_mutation(_dump(document), data)
    root = _fresh(scratch)

    def write(root: Path) -> None:
        (root / "midas.yaml").write_text(text, encoding="utf-8")
        shutil.copy(REPO / "specs" / "spring-sale.yaml", root / "specs" / "spring-sale.yaml")

    _check(root, write)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_raise_only_spec_errors(scratch: Path, raw: bytes) -> None:
    root = _fresh(scratch)

    def write(root: Path) -> None:
        (root / "midas.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
        (root / "specs" / "random.yaml").write_bytes(raw)

    _check(root, write)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000,  # nesting deeper than any parser's stack
        "a: &a [*a]\n",  # a recursive alias
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "spec: *h\n",  # 'billion laughs'
        "key: !!python/object:os.system echo\n",
        "date: 2026-02-30\n",
        "\ufeffapiVersion: midas/v1\n",
        "\x00",
    ],
    ids=["deep", "recursive-alias", "alias-bomb", "python-tag", "bad-date", "bom", "nul"],
)
def test_hostile_yaml_is_a_spec_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "midas.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
    (tmp_path / "specs" / "hostile.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_workspace(tmp_path, env={})
    assert all(issue.file == "specs/hostile.yaml" for issue in caught.value.issues)
