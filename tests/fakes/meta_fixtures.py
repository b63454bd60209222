"""Pytest fixtures for tests that run the ``facebook-business`` SDK against ``MetaGraphFake``.

Loaded for every test module by ``tests/conftest.py`` (``pytest_plugins``). Each test gets a fresh
sandbox world on a fake clock (nothing sleeps) with one registered Meta ad account, and a fake Graph
API serving it on 127.0.0.1 that accepts ``META_TOKEN`` with ``META_APP_SECRET``'s proof.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fakes.clock import FakeClock
from fakes.meta_graph_server import MetaGraphFake
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.resources import META

META_NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC).timestamp()
META_ACCOUNT_ID = "555000111"
META_ACT = f"act_{META_ACCOUNT_ID}"
META_TOKEN = "EAAmetaSecretToken0123456789"
META_APP_SECRET = "meta-app-secret-value"
META_APP_ID = "4242424242"


@pytest.fixture
def meta_clock() -> FakeClock:
    return FakeClock(META_NOW)


@pytest.fixture
def make_meta_world(tmp_path: Path, meta_clock: FakeClock) -> Iterator[Callable[..., SandboxWorld]]:
    """Opens worlds (``limits`` optional) holding the registered ad account; closed after the test."""
    worlds: list[SandboxWorld] = []

    def make(limits: SandboxLimits | None = None) -> SandboxWorld:
        path = tmp_path / f"meta-world-{len(worlds)}.db"
        world = SandboxWorld(path, clock=meta_clock, sleep=meta_clock.sleep, limits=limits)
        world.register_account(META, META_ACCOUNT_ID, "USD")
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


@pytest.fixture
def meta_world(make_meta_world: Callable[..., SandboxWorld]) -> SandboxWorld:
    return make_meta_world()


@pytest.fixture
def meta_fake(meta_world: SandboxWorld) -> Iterator[MetaGraphFake]:
    """The fake Graph API over ``meta_world``; fails the test if the fake itself broke."""
    with MetaGraphFake(meta_world, access_token=META_TOKEN, app_secret=META_APP_SECRET) as server:
        yield server
    assert server.unexpected_errors == []
