"""The SQLite store: WAL readers, one writer taking `BEGIN IMMEDIATE`, named migrations."""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.sql import SQLStore

BUSY_TIMEOUT_MS = 30_000  # a second ingest process waits for the writer lock this long


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    migrations_folder = "migrations"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE.
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL survives a crash
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database {self.path}: {error}") from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def has_table(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
        return self.conn.execute(query, (name,)).fetchone() is not None

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if self.path == ":memory:":  # one connection: nobody else to wait for
            yield
            return
        with open(self._lock_file(), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
            yield

    def _lock_file(self) -> Path:
        main = Path(self.path).resolve()
        return main.with_name(main.name + "-lock")

    def _lock_schema(self, conn: sqlite3.Connection) -> None:
        pass  # BEGIN IMMEDIATE already holds the only write lock

    def _run_script(self, conn: sqlite3.Connection, sql: str) -> None:
        for statement in split_statements(sql):
            conn.execute(statement)

    def close(self) -> None:
        self.conn.close()

    def local_files(self) -> list[Path]:
        if self.path == ":memory:":
            return []
        main = Path(self.path).resolve()
        suffixes = ("-wal", "-shm", "-journal", "-lock")
        return [main, *(main.with_name(main.name + s) for s in suffixes)]


def split_statements(sql: str) -> list[str]:
    """Split a migration file into statements (migrations hold no '--' inside strings).
    A statement ends at the ';' that completes it, so triggers (BEGIN ... END) stay whole."""
    statements, pending = [], ""
    for line in sql.splitlines():
        pending += line.split("--", 1)[0] + "\n"
        if pending.strip() and sqlite3.complete_statement(pending):
            statements.append(pending.strip().removesuffix(";").strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
