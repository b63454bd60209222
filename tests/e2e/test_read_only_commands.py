"""Commands that only read make no state store: without one they read an empty view and leave none behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import Run

from midas_reconcile.store.engine import parse_url, sqlite_file

#: Each read-only command, run on a workspace whose campaigns are live but which has no state store yet.
READ_ONLY = [
    ("import", "--account", "google-main", "--all"),
    ("compare", "campaign/spring-sale"),
    ("validate",),
    ("report",),
    ("snapshot", "list"),
    ("state", "list"),
    ("state", "runs"),
    ("state", "verify"),
    ("alerts", "list"),
    ("alerts", "history"),
    ("audiences", "list"),
    ("optimize",),
    ("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run"),
]


def store_exists(state_url: str) -> bool:
    parsed = parse_url(state_url)
    file = sqlite_file(parsed)
    if parsed.get_backend_name() == "sqlite":
        return file is not None and file.exists()
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    try:
        return bool(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("args", READ_ONLY, ids=[" ".join(a[:2]) for a in READ_ONLY])
def test_a_read_only_command_makes_no_state_store(
    midas: Callable[..., Run], state_url: str, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # The campaigns go live through another store, so this workspace's own store is still to be made.
    elsewhere = f"sqlite:///{tmp_path / 'elsewhere' / 'state.db'}"
    assert midas("--state-url", elsewhere, "apply", "--auto-approve").code == 0
    assert not store_exists(state_url)

    run = midas(*args)

    assert run.code == 0, run.output
    assert not store_exists(state_url), f"`midas {' '.join(args)}` made a state store"


def test_import_without_a_store_still_writes_its_specs(
    midas: Callable[..., Run], state_url: str, tmp_path: Path, workspace: Path
) -> None:
    elsewhere = f"sqlite:///{tmp_path / 'elsewhere' / 'state.db'}"
    assert midas("--state-url", elsewhere, "apply", "--auto-approve").code == 0
    (workspace / "specs" / "spring-sale.yaml").unlink()

    run = midas("import", "--account", "google-main", "--campaign", "spring-sale")

    assert run.code == 0, run.output
    assert (workspace / "specs" / "imported" / "spring-sale.yaml").is_file()
    assert not store_exists(state_url)
