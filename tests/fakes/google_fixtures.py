"""Pytest fixtures for tests that run the ``google-ads`` SDK against ``GoogleAdsFake``.

Loaded for every test module by ``tests/conftest.py`` (``pytest_plugins``). Each test gets a fresh sandbox
world on a fake clock (nothing sleeps) with one registered Google Ads customer, a fake Google Ads API
serving it on 127.0.0.1 that accepts ``GOOGLE_DEVELOPER_TOKEN`` and ``GOOGLE_ACCESS_TOKEN``, and real
``GoogleAdsClient`` objects routed to it. The SDK (~0.5 s to import) is imported only by tests that use
these fixtures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from fakes.clock import FakeClock
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.resources import GOOGLE

if TYPE_CHECKING:
    from fakes.google_ads_server import GoogleAdsFake

#: Noon in the customers' time zone (America/Los_Angeles) on Monday 2 March 2026.
GOOGLE_NOW = dt.datetime(2026, 3, 2, 20, tzinfo=dt.UTC).timestamp()
GOOGLE_CUSTOMER_ID = "1234567890"
GOOGLE_DEVELOPER_TOKEN = "fake-developer-token-0123456789"
GOOGLE_ACCESS_TOKEN = "ya29.fake-access-token-0123456789"


def google_ads_client_for(
    *,
    developer_token: str | None = GOOGLE_DEVELOPER_TOKEN,
    access_token: str = GOOGLE_ACCESS_TOKEN,
    login_customer_id: str | None = None,
    version: str = "v26",
) -> Any:
    """A real ``GoogleAdsClient`` with test credentials: an access token and no refresh token, so it never
    calls an OAuth server. Its services reach a fake only when ``get_service`` runs inside
    ``route_google_ads_to(fake)`` (the ``google_ads_client`` fixtures do that for the whole test)."""
    from google.ads.googleads.client import GoogleAdsClient
    from google.oauth2.credentials import Credentials

    return GoogleAdsClient(
        credentials=Credentials(token=access_token),
        developer_token=developer_token,
        login_customer_id=login_customer_id,
        version=version,
        use_proto_plus=True,
    )


@pytest.fixture
def google_clock() -> FakeClock:
    return FakeClock(GOOGLE_NOW)


@pytest.fixture
def make_google_world(tmp_path: Path, google_clock: FakeClock) -> Iterator[Callable[..., SandboxWorld]]:
    """Opens worlds (``limits``, ``access_level`` optional) holding the registered USD customer; closed
    after the test."""
    worlds: list[SandboxWorld] = []

    def make(limits: SandboxLimits | None = None, access_level: str = "standard") -> SandboxWorld:
        path = tmp_path / f"google-world-{len(worlds)}.db"
        world = SandboxWorld(path, clock=google_clock, sleep=google_clock.sleep, limits=limits)
        world.register_account(GOOGLE, GOOGLE_CUSTOMER_ID, "USD", access_level)
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


@pytest.fixture
def google_world(make_google_world: Callable[..., SandboxWorld]) -> SandboxWorld:
    return make_google_world()


@pytest.fixture
def google_fake(google_world: SandboxWorld) -> Iterator[GoogleAdsFake]:
    """The fake Google Ads API over ``google_world``; fails the test if the fake itself broke."""
    from fakes.google_ads_server import GoogleAdsFake

    with GoogleAdsFake(
        google_world, developer_token=GOOGLE_DEVELOPER_TOKEN, access_token=GOOGLE_ACCESS_TOKEN
    ) as server:
        yield server
    assert server.unexpected_errors == []


@pytest.fixture
def make_google_ads_client(google_fake: GoogleAdsFake) -> Iterator[Callable[..., Any]]:
    """``google_ads_client_for`` with every service of the test routed to ``google_fake``."""
    from fakes.google_ads_server import route_google_ads_to

    with route_google_ads_to(google_fake):
        yield google_ads_client_for


@pytest.fixture
def google_ads_client(make_google_ads_client: Callable[..., Any]) -> Any:
    """A ``GoogleAdsClient`` with the fake's valid credentials, its services served by ``google_fake``."""
    return make_google_ads_client()
