"""Typed inputs and results of ``UnifiedAdsManager``: platform configs (secrets as ``SecretStr``) and the
records its methods return. The results hold the library's own types (``PlanOutcome``, ``Report``,
``AllocationResult`` …); nothing here computes anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, SecretStr

from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.settings import SETTINGS_FILE, AccountSettings, GoogleCustomerId, MetaAdAccountId

if TYPE_CHECKING:
    from midas_reconcile.applier import ApplyResult
    from midas_reconcile.drift_report import DriftReport
    from midas_reconcile.importing.importer import ImportedCampaign
    from midas_reconcile.optimizer.api import AllocationResult, PerformanceAnalysis
    from midas_reconcile.session import PlanOutcome
    from midas_reconcile.spec.loader import Document


class _PlatformConfig(BaseModel):
    """What both platform configs share: which midas.yaml account they are for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The account's name in midas.yaml; None: the workspace's only account of the platform.
    account: str | None = None

    def secrets(self) -> dict[str, str]:
        """Credential values by the names midas.yaml's ``credentials`` use (only those given)."""
        return {
            name: value.get_secret_value()
            for name, value in self
            if isinstance(value, SecretStr) and value.get_secret_value()
        }

    def native_fields(self) -> dict[str, Any]:
        """The non-secret fields naming the account on its platform (each must match midas.yaml)."""
        raise NotImplementedError

    def overlay(self, name: str, account: AccountSettings) -> AccountSettings:
        """``account`` with these secrets as its credentials, in memory only (never written, never shown).

        Raises ``SpecError`` when a given id or setting contradicts midas.yaml: the file stays the source
        of truth for which account is which.
        """
        issues = [
            SpecIssue(
                SETTINGS_FILE,
                1,
                1,
                f"accounts.{name}.{key}",
                f"the {type(self).__name__} says {value!r}, midas.yaml {getattr(account, key)!r}; "
                "expected the same (midas.yaml says which account is which)",
            )
            for key, value in self.native_fields().items()
            if value is not None and getattr(account, key) != value
        ]
        if issues:
            raise SpecError(issues)
        return OverlaidAccount.of(account, self.secrets())


class GoogleAdsConfig(_PlatformConfig):
    """Google Ads credentials for one account of midas.yaml (``platform: google``).

    Secrets stay in memory: they take the place of the account's ``credentials`` (environment variables
    or files) for the connectors this manager builds, and show as ``**********`` in repr. The ids, when
    given, must match midas.yaml.
    """

    customer_id: GoogleCustomerId | None = None
    login_customer_id: GoogleCustomerId | None = None
    developer_token: SecretStr | None = None
    client_id: SecretStr | None = None
    client_secret: SecretStr | None = None
    refresh_token: SecretStr | None = None
    access_token: SecretStr | None = None

    def native_fields(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "login_customer_id": self.login_customer_id}


class MetaAdsConfig(_PlatformConfig):
    """Meta Marketing API credentials for one account of midas.yaml (``platform: meta``); see
    ``GoogleAdsConfig`` for how they are used."""

    ad_account_id: MetaAdAccountId | None = None
    access_token: SecretStr | None = None
    app_secret: SecretStr | None = None
    app_id: SecretStr | None = None

    def native_fields(self) -> dict[str, Any]:
        return {"ad_account_id": self.ad_account_id}


class OverlaidAccount(AccountSettings):
    """An account whose credentials come from memory (a platform config) instead of the environment."""

    _secrets: dict[str, str] = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, account: AccountSettings, secrets: Mapping[str, str]) -> OverlaidAccount:
        # A google-ads.yaml named in midas.yaml would win over the given secrets in the factory.
        fields = {**account.model_dump(), "credentials_file": None}
        overlaid = cls.model_validate(fields)
        overlaid._secrets = dict(secrets)
        return overlaid

    @property
    def supplied_credentials(self) -> frozenset[str]:
        return frozenset(self._secrets)

    def resolve_credentials(self, env: Mapping[str, str] | None = None) -> dict[str, str]:
        """The given secrets; any midas.yaml names that were not given still come from ``env``."""
        missing = {k: v for k, v in self.credentials.items() if k.rpartition("_")[0] not in self._secrets}
        from_env = AccountSettings.model_validate({**self.model_dump(), "credentials": missing})
        return {**from_env.resolve_credentials(env), **self._secrets}

    def __repr_args__(self) -> Any:
        yield from super().__repr_args__()
        yield "secrets", "**********" if self._secrets else None


@dataclass
class CampaignCreation:
    """``create_unified_campaign``: the file written, the plan of the campaign's changes, and the apply
    result when it was applied (None otherwise)."""

    name: str
    file: Path
    plan: PlanOutcome
    applied: ApplyResult | None = None


@dataclass
class CampaignSync:
    """``sync_campaigns_bidirectional``: live → git (campaigns imported into YAML, adopted if asked) and
    git ↔ live (the drift of what MIDAS manages). Applying the specs stays an explicit ``apply``."""

    imported: list[ImportedCampaign] = field(default_factory=list)
    #: Ids asked for that MIDAS already manages, or that this call imported with their counterpart on
    #: the other platform (one spec for both): nothing more to import.
    already_managed: list[str] = field(default_factory=list)
    adoption: ApplyResult | None = None
    drift: DriftReport | None = None


@dataclass
class CrossPlatformOptimization:
    """``optimize_cross_platform``: the campaigns' performance and the recommended daily budgets."""

    performance: PerformanceAnalysis
    budget_optimization: AllocationResult


@dataclass
class MonitoringSetup:
    """``setup_monitoring``: the alert rule as the loader validated it, and the file it is in."""

    rule: Document[Any]
    file: Path
