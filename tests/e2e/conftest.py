"""Whole-CLI runs on a copy of the shipped example workspace, against SQLite and PostgreSQL state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from fakes import GoogleAdsFake, MetaGraphFake
from fakes.example import copy_example_workspace
from fakes.google_ads_server import route_google_ads_to
from fakes.google_fixtures import GOOGLE_ACCESS_TOKEN, GOOGLE_DEVELOPER_TOKEN
from fakes.meta_fixtures import META_ACT, META_APP_SECRET, META_TOKEN
from fakes.meta_messaging import PAGE_ID

from midas_reconcile.cli import App, main
from midas_reconcile.store import StateStore

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    output: str


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh copy of the example workspace (midas.yaml, specs/, policies/)."""
    return copy_example_workspace(tmp_path / "ws")


@pytest.fixture
def meta_workspace(workspace: Path, meta_fake: MetaGraphFake, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example workspace with meta-main on the SDK connector (``meta_ads``) against the Graph API fake,
    running its ads as the Page ``PAGE_ID``."""
    settings = yaml.safe_load((workspace / "midas.yaml").read_text())
    settings["accounts"]["meta-main"].update(
        connector="meta_ads",
        ad_account_id=META_ACT,
        graph_url=meta_fake.url,
        page_id=PAGE_ID,
        credentials={"access_token_env": "TEST_META_TOKEN", "app_secret_env": "TEST_META_SECRET"},
    )
    (workspace / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    monkeypatch.setenv("TEST_META_TOKEN", META_TOKEN)
    monkeypatch.setenv("TEST_META_SECRET", META_APP_SECRET)
    return workspace


@pytest.fixture
def google_workspace(
    workspace: Path, google_fake: GoogleAdsFake, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The example workspace with google-main on the SDK connector (``google_ads``), over gRPC to the local
    fake."""
    settings = yaml.safe_load((workspace / "midas.yaml").read_text())
    settings["accounts"]["google-main"].update(
        connector="google_ads",
        credentials={"developer_token_env": "TEST_GOOGLE_DEV_TOKEN", "access_token_env": "TEST_GOOGLE_TOKEN"},
    )
    (workspace / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    monkeypatch.setenv("TEST_GOOGLE_DEV_TOKEN", GOOGLE_DEVELOPER_TOKEN)
    monkeypatch.setenv("TEST_GOOGLE_TOKEN", GOOGLE_ACCESS_TOKEN)
    with route_google_ads_to(google_fake):
        yield workspace


@pytest.fixture
def midas(
    workspace: Path, state_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """Run `midas -C <workspace> ARGS…` in-process; returns exit code and combined output."""
    monkeypatch.delenv("MIDAS_SANDBOX_FAULTS", raising=False)
    monkeypatch.setenv("MIDAS_STATE_URL", state_url)
    monkeypatch.setenv("MIDAS_ACTOR", "e2e-test")

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(["-C", str(workspace), *args], app=App())
        captured = capsys.readouterr()
        return Run(code, captured.out + captured.err)

    return run


@pytest.fixture
def made_store(state_url: str) -> None:
    """The test's state store made (empty) before it runs; commands that only read make none."""
    StateStore.open(state_url).close()


@pytest.fixture
def state_dump(state_url: str) -> Callable[[], str]:
    """Every row of every table of the test's state store, as text (to grep for what must not be there)."""

    def dump() -> str:
        return _rows_as_text(state_url)

    return dump


def _rows_as_text(state_url: str) -> str:
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    tables = sa.MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        rows = [str(row) for table in tables.sorted_tables for row in connection.execute(table.select())]
    engine.dispose()
    return "\n".join(rows)


@pytest.fixture
def bare(workspace: Path) -> Path:
    """The example workspace without its specs and policies: only hand-built campaigns are live."""
    for folder in ("specs", "policies"):
        for file in (workspace / folder).glob("*.yaml"):
            file.unlink()
    return workspace
