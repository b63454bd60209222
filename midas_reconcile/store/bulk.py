"""Fast paths for the bulk reads and writes of the state store (100,000 resources in about a second).

SQLAlchemy's per-row parameter and result processing costs more than the database work at this volume,
so these helpers compile the statement with SQLAlchemy once and hand the DBAPI ``executemany`` ready
values: JSON columns encoded by one shared encoder, other values through the column type's own bind
processor (memoised: bulk rows share timestamps). Reads cast JSON columns to text and decode them all
in one ``json.loads`` call. The cyclic garbage collector is paused while hundreds of thousands of
acyclic objects are built: its repeated full scans otherwise double the time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from midas_reconcile.errors import StateError

#: One encoder for every bulk row (``json.dumps`` with options builds a new encoder per call).
encode_json: Final = json.JSONEncoder(separators=(",", ":")).encode


def _is_json(column: sa.Column[Any], dialect: sa.Dialect) -> bool:
    return isinstance(column.type.dialect_impl(dialect), sa.JSON)


def _converter(column: sa.Column[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    if _is_json(column, dialect):
        return encode_json
    process = column.type.bind_processor(dialect)
    if process is None:
        return None
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = process(value)
            return result

    return convert


def upsert(
    connection: sa.Connection, table: sa.Table, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """``INSERT … ON CONFLICT (keys) DO UPDATE`` every other column, as one ``executemany``.

    Every row must carry every column of ``table``. Duplicate keys within ``rows`` are the caller's
    to remove (PostgreSQL refuses to update a row twice in one statement).
    """
    if not rows:
        return
    dialect = connection.dialect
    insert = pg_insert if dialect.name == "postgresql" else sqlite_insert
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys},
    )
    names = [c.name for c in table.columns]
    compiled = statement.compile(dialect=dialect, column_keys=names)
    converters = [(name, _converter(table.c[name], dialect)) for name in names]
    converted = [
        [
            convert(row[name]) if convert is not None and row[name] is not None else row[name]
            for name, convert in converters
        ]
        for row in rows
    ]
    if compiled.positiontup is not None:
        # Positional paramstyle (SQLite "qmark"): reorder to the compiled parameter order.
        order = [names.index(name) for name in compiled.positiontup]
        params: list[Any] = [tuple(values[i] for i in order) for values in converted]
    else:
        params = [dict(zip(names, values, strict=True)) for values in converted]
    connection.exec_driver_sql(str(compiled), params)


def json_text(column: sa.ColumnElement[Any]) -> sa.ColumnElement[str]:
    """Select a JSON column as its text (decoded later in bulk by ``decode_all``)."""
    return sa.cast(column, sa.Text)


def decode_all(texts: Sequence[str], what: str) -> list[Any]:
    """Decode many JSON texts in one call; StateError if any is not JSON."""
    if not texts:
        return []
    try:
        values = json.loads("[" + ",".join(texts) + "]")
    except (json.JSONDecodeError, TypeError) as exc:
        raise StateError(f"the state store holds corrupt JSON in {what}: {exc}") from None
    if not isinstance(values, list) or len(values) != len(texts):
        raise StateError(f"the state store holds corrupt JSON in {what}")
    return values
