"""Alembic environment of the MIDAS state store.

There is no ``alembic.ini``: ``midas_reconcile.store.engine.alembic_config`` builds the configuration in
code and hands over an open connection in ``config.attributes["connection"]`` (the store takes its
migration lock on that connection first). For ad-hoc use, a ``sqlalchemy.url`` main option works too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from midas_reconcile.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things: later migrations use batch mode there.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("the MIDAS migrations need a connection or a sqlalchemy.url option")
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported by MIDAS")
run_migrations_online()
