"""Storage: one API (`Store`) over SQLite (a path, the default) and PostgreSQL (a URL)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from newsgraph.store.base import Store


def default_db_path() -> Path:
    """$NEWSGRAPH_DB, else newsgraph.db in the user's data folder."""
    if os.environ.get("NEWSGRAPH_DB"):
        return Path(os.environ["NEWSGRAPH_DB"])
    return Path(user_data_dir("newsgraph")) / "newsgraph.db"


def is_postgres_url(db: str | Path | None) -> bool:
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path | None = None) -> Store:
    """Open (and migrate) the store at `db`: a SQLite path or ":memory:", or a PostgreSQL URL
    (postgresql://user@host/dbname); None means the default."""
    if db is None and os.environ.get("NEWSGRAPH_DB"):
        db = os.environ["NEWSGRAPH_DB"]
    if is_postgres_url(db):
        from newsgraph.store.postgres import PostgresStore

        return PostgresStore(str(db))
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(str(db) if db is not None else str(default_db_path()))


__all__ = ["Store", "default_db_path", "is_postgres_url", "open_store"]
