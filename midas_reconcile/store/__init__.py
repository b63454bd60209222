"""The state store: what MIDAS last applied, its runs, write journal, audit chain, id cache and locks.

SQLite by default (``sqlite:///abs/path/.midas/state.db``), PostgreSQL by URL
(``postgresql+psycopg://user@host/db``). ``StateStore.open(url)`` migrates the schema to the head Alembic
revision (``midas_reconcile/migrations``); nothing else creates tables. Every database failure surfaces
as ``errors.StateError`` with the URL's password masked.

Modules: ``core`` (``StateStore``), ``schema`` (the models), ``engine`` (connections, errors,
migrations), ``locks`` (one writer per account), ``audit`` (the hash chain).
"""

from midas_reconcile.store.core import RunRecord, StateStore
from midas_reconcile.store.engine import head_revision
from midas_reconcile.store.journal import JournalBatchRecord, JournalOpRecord
from midas_reconcile.store.locks import LockInfo

__all__ = ["JournalBatchRecord", "JournalOpRecord", "LockInfo", "RunRecord", "StateStore", "head_revision"]
