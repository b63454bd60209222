"""Daily campaign metrics in the state store: idempotent upserts from a sync, and reads for reports.

Amounts are stored as exact integer millionths (see ``schema.MetricsDaily``); conversions, which Google
reports as fractions, are rounded half-even to six decimals. Every function runs inside the caller's
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final

import sqlalchemy as sa

from midas_reconcile.connectors.base import DailyMetrics
from midas_reconcile.resources import Address, segment_name
from midas_reconcile.store import bulk
from midas_reconcile.store.schema import metrics_daily

_MICRO: Final = Decimal(1_000_000)
_KEYS: Final = ("day", "platform", "account", "campaign_id")
CampaignKey = tuple[str, str, str]  # platform, account, platform campaign id
#: One campaign as reports tell campaigns apart: its name, platform, and the account of a campaign no record
#: names (None: a campaign MIDAS recorded, one unified campaign whatever its accounts).
CampaignIdentity = tuple[str, str, str | None]


def to_micros(value: Decimal) -> int:
    return int((Decimal(value) * _MICRO).to_integral_value(ROUND_HALF_EVEN))


def from_micros(value: int) -> Decimal:
    return (Decimal(value) / _MICRO).normalize() if value else Decimal(0)


def upsert(
    connection: sa.Connection,
    rows: Sequence[DailyMetrics],
    addresses: Mapping[CampaignKey, str],
    now: dt.datetime,
) -> int:
    """Insert or replace each (day, platform, account, campaign) row; returns how many were written."""
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row.date, row.platform, row.account, row.campaign_id)
        address = addresses.get((row.platform, row.account, row.campaign_id))
        latest[key] = {
            "day": row.date,
            "platform": row.platform,
            "account": row.account,
            "campaign_id": row.campaign_id,
            # A campaign MIDAS manages is reported under its unified name, whatever a platform calls it.
            "campaign_name": segment_name(Address.parse(address).campaign) if address else row.campaign_name,
            "campaign_address": address,
            "impressions": row.impressions,
            "clicks": row.clicks,
            "spend_micros": to_micros(row.spend),
            "conversions_micros": to_micros(row.conversions),
            "conversion_value_micros": to_micros(row.conversion_value),
            "currency": row.currency,
            "synced_at": now,
        }
    bulk.upsert(connection, metrics_daily, _KEYS, list(latest.values()))
    return len(latest)


def move_campaigns(connection: sa.Connection, moves: Sequence[tuple[Address, Address]]) -> None:
    """Put the rows synced for each campaign of ``moves`` (old address, new address) under its new address
    and name: a campaign renamed in place is the same campaign, its history one campaign's in reports."""
    renamed = [
        {"old": str(old), "new": str(new), "name": segment_name(new.campaign)}
        for old, new in moves
        if old.kind == "campaign" and new.kind == "campaign"
    ]
    if renamed:
        m = metrics_daily.c
        connection.execute(
            sa.update(metrics_daily)
            .where(m.campaign_address == sa.bindparam("old"))
            .values(campaign_address=sa.bindparam("new"), campaign_name=sa.bindparam("name")),
            renamed,
        )


def last_day(connection: sa.Connection, account: str) -> dt.date | None:
    """The latest day synced for an account, if any."""
    day = connection.execute(
        sa.select(sa.func.max(metrics_daily.c.day)).where(metrics_daily.c.account == account)
    ).scalar_one_or_none()
    return day if isinstance(day, dt.date) else None


def last_synced_at(connection: sa.Connection, account: str) -> dt.datetime | None:
    """When a sync last wrote a row of the account (UTC), if ever."""
    at = connection.execute(
        sa.select(sa.func.max(metrics_daily.c.synced_at)).where(metrics_daily.c.account == account)
    ).scalar_one_or_none()
    if not isinstance(at, dt.datetime):
        return None
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def load(
    connection: sa.Connection,
    *,
    accounts: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[tuple[DailyMetrics, str | None]]:
    """Stored rows (with their unified campaign address), by day, platform, account and campaign."""
    query = sa.select(metrics_daily).order_by(*(metrics_daily.c[k] for k in _KEYS))
    if accounts is not None:
        query = query.where(metrics_daily.c.account.in_(list(accounts)))
    if start is not None:
        query = query.where(metrics_daily.c.day >= start)
    if end is not None:
        query = query.where(metrics_daily.c.day <= end)
    out = []
    for r in connection.execute(query).mappings():
        metrics = DailyMetrics(
            date=r["day"],
            platform=r["platform"],
            account=r["account"],
            campaign_id=r["campaign_id"],
            campaign_name=r["campaign_name"],
            impressions=int(r["impressions"]),
            clicks=int(r["clicks"]),
            spend=from_micros(r["spend_micros"]),
            conversions=from_micros(r["conversions_micros"]),
            conversion_value=from_micros(r["conversion_value_micros"]),
            currency=r["currency"],
        )
        out.append((metrics, r["campaign_address"]))
    return out


def campaign_identities(
    connection: sa.Connection,
    accounts: Sequence[str] | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> set[CampaignIdentity]:
    """Every campaign with stored metrics (of ``accounts``, from ``start`` to ``end``, if given)."""
    m = metrics_daily.c
    unrecorded_account = sa.case((m.campaign_address.is_(None), m.account), else_=sa.null())
    query = sa.select(m.campaign_name, m.platform, unrecorded_account).distinct()
    if accounts is not None:
        query = query.where(m.account.in_(list(accounts)))
    if start is not None:
        query = query.where(m.day >= start)
    if end is not None:
        query = query.where(m.day <= end)
    return {(str(name), str(platform), account) for name, platform, account in connection.execute(query)}


def _of_campaign(identity: CampaignIdentity) -> sa.ColumnElement[bool]:
    name, platform, account = identity
    m = metrics_daily.c
    which = (
        m.campaign_address.isnot(None)
        if account is None
        else sa.and_(m.campaign_address.is_(None), m.account == account)
    )
    return sa.and_(m.campaign_name == name, m.platform == platform, which)


def totals(
    connection: sa.Connection,
    *,
    start: dt.date,
    end: dt.date,
    by: str,
    accounts: Sequence[str] | None = None,
    campaigns: Collection[CampaignIdentity] | None = None,
) -> list[tuple[tuple[str, ...], str, int, int, int, int, int]]:
    """Sums of ``campaigns`` (None: all; empty: none) per group (``campaign``: unified campaign and platform,
    and the account of a campaign no record names, which only its name would otherwise join to another
    account's; ``campaign_account``: unified campaign, platform and account, so that same-named campaigns of
    two accounts stay apart; ``platform``; ``day``; ``day_platform``) and currency, computed by the database
    (``GROUP BY``): (key, currency, impressions, clicks, spend, conversions, conversion value), amounts in
    millionths."""
    m = metrics_daily.c
    unrecorded_account = sa.case((m.campaign_address.is_(None), m.account), else_=sa.null())
    groupings: dict[str, list[Any]] = {
        "campaign": [m.campaign_address, m.campaign_name, m.platform, unrecorded_account],
        "campaign_account": [m.campaign_address, m.campaign_name, m.platform, m.account],
        "platform": [m.platform],
        "day": [m.day],
        "day_platform": [m.day, m.platform],
    }
    keys = groupings[by]
    sums = [
        sa.func.sum(m.impressions),
        sa.func.sum(m.clicks),
        sa.func.sum(m.spend_micros),
        sa.func.sum(m.conversions_micros),
        sa.func.sum(m.conversion_value_micros),
    ]
    query = (
        sa.select(*keys, m.currency, *sums).where(m.day >= start, m.day <= end).group_by(*keys, m.currency)
    )
    if accounts is not None:
        query = query.where(m.account.in_(list(accounts)))
    if campaigns is not None:
        # MIDAS names each platform's campaign after the unified one.
        query = query.where(sa.or_(sa.false(), *(_of_campaign(c) for c in sorted(campaigns, key=str))))
    out = []
    for row in connection.execute(query):
        *key_values, currency, impressions, clicks, spend, conversions, value = row
        if by in ("campaign", "campaign_account"):
            address, name, *rest = key_values
            # The unified campaign is the address's path (campaign/<name>@platform:account).
            unified = str(address).split("/", 1)[1].rsplit("@", 1)[0] if address else str(name)
            key: tuple[str, ...] = (unified, *(str(v) for v in rest if v is not None))
        else:
            key = tuple(v.isoformat() if isinstance(v, dt.date) else str(v) for v in key_values)
        out.append(
            (key, str(currency), int(impressions), int(clicks), int(spend), int(conversions), int(value))
        )
    return out
