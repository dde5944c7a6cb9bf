"""Storage: one API (`Store`) over SQLite (default) and, later, PostgreSQL."""

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


def open_store(db: str | Path | None = None) -> Store:
    """Open (and migrate) the store at `db`: a path or ":memory:"; None means the default."""
    from newsgraph.store.sqlite import SQLiteStore

    target = str(db) if db is not None else str(default_db_path())
    if target.startswith(("postgresql://", "postgres://")):
        raise NotImplementedError("PostgreSQL support is planned (issue 9); use a SQLite path")
    return SQLiteStore(target)


__all__ = ["Store", "default_db_path", "open_store"]
