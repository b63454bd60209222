"""Builds the connector of an account from its settings in midas.yaml."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from midas_reconcile.connectors.base import Connector
from midas_reconcile.errors import MidasError

SANDBOX_DB = Path(".midas") / "sandbox.db"


class ConnectorFactory:
    """Creates connectors for the accounts of one workspace; the sandbox world is opened once."""

    def __init__(self, settings: Any, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._world: Any = None

    def sandbox_world(self) -> Any:
        """The workspace's simulated platforms (``.midas/sandbox.db``), with faults from the environment."""
        if self._world is None:
            from midas_reconcile.connectors.sandbox import Faults, SandboxWorld

            path = Path(self.settings.root) / SANDBOX_DB
            path.parent.mkdir(parents=True, exist_ok=True)
            self._world = SandboxWorld(path, faults=Faults.from_env(os.environ))
        return self._world

    def create(self, account: str) -> Connector:
        config = self.settings.accounts[account]
        if config.connector == "sandbox":
            from midas_reconcile.connectors.sandbox import SandboxConnector

            native_id = config.customer_id if config.platform == "google" else config.ad_account_id
            return SandboxConnector(
                self.sandbox_world(),
                platform=config.platform,
                account=account,
                native_id=str(native_id),
                currency=config.currency,
                access_level=getattr(config, "access_level", None) or "standard",
            )
        if config.connector == "google_ads":
            from midas_reconcile.connectors import google_ads

            version = config.api_version or google_ads.DEFAULT_API_VERSION
            if config.credentials_file:
                client = google_ads.client_from_file(
                    config.credentials_file, version=version, account=account
                )
            else:
                credentials = google_ads.GoogleAdsCredentials.from_values(
                    config.resolve_credentials(), account=account
                )
                client = google_ads.build_client(
                    credentials,
                    login_customer_id=config.login_customer_id,
                    endpoint=config.endpoint,
                    version=version,
                )
            return google_ads.GoogleAdsConnector(
                account=account,
                customer_id=str(config.customer_id),
                currency=config.currency,
                client=client,
                access_level=config.access_level or "basic",
            )
        if config.connector == "meta_ads":
            from midas_reconcile.connectors import meta_ads

            return meta_ads.MetaAdsConnector(
                account=account,
                ad_account_id=str(config.ad_account_id),
                currency=config.currency,
                credentials=meta_ads.MetaCredentials.from_values(
                    config.resolve_credentials(), account=account
                ),
                api_version=config.api_version or meta_ads.DEFAULT_API_VERSION,
                graph_url=config.graph_url,
                conversion_action=config.conversion_action or meta_ads.DEFAULT_CONVERSION_ACTION,
                sleep=self._sleep,
            )
        raise MidasError(
            f"account {account!r}: the {config.connector} connector is not available in this version; "
            "use `connector: sandbox` to run against the embedded simulator"
        )
