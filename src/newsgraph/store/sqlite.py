"""The SQLite store: WAL readers, one writer taking `BEGIN IMMEDIATE`, named migrations."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.records import SCHEMA_VERSION, Analysis, Document
from newsgraph.store.base import (
    DOCUMENT_COLUMNS,
    ErrorRecord,
    RunRecord,
    Store,
    analysis_from_record,
    analysis_rows,
    document_from_row,
    document_row,
    load_migrations,
)

BUSY_TIMEOUT_MS = 30_000  # a second ingest process waits for the writer lock this long


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(Store):
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
        """One atomic write: all of it lands or none of it (also on Ctrl-C or a kill)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = self.schema_version()
        for migration in load_migrations():
            if migration.version <= current:
                continue
            with self.transaction() as conn:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def begin_run(self, command: str, sources: list[str]) -> int:
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (command, sources, started_at) VALUES (?, ?, ?)",
                (command, json.dumps(sources), now()),
            )
        return int(cursor.lastrowid)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stored = ?, duplicates = ?,"
                " failed = ?, skipped = ? WHERE id = ?",
                (now(), status, counts.get("stored", 0), counts.get("duplicates", 0),
                 counts.get("failed", 0), counts.get("skipped", 0), run_id),
            )  # fmt: skip

    def source_done(self, source: str, fingerprint: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sources WHERE source = ? AND fingerprint = ?", (source, fingerprint)
        ).fetchone()
        return row is not None

    def save_document(
        self, doc: Document, fingerprint: str, run_id: int, analysis: Analysis | None = None
    ) -> str:
        row = document_row(doc)
        row.update(run_id=run_id, ingested_at=now())
        columns = ", ".join(row)
        placeholders = ", ".join(f":{name}" for name in row)
        with self.transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO documents ({columns}) VALUES ({placeholders}) "
                "ON CONFLICT (id) DO NOTHING",
                row,
            )
            status = "stored" if cursor.rowcount == 1 else "duplicate"
            conn.execute(
                "INSERT INTO sources (source, fingerprint, document_id, status, run_id, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET"
                " fingerprint = excluded.fingerprint, document_id = excluded.document_id,"
                " status = excluded.status, run_id = excluded.run_id,"
                " updated_at = excluded.updated_at",
                (doc.source, fingerprint, doc.id, status, run_id, now()),
            )
            if status == "stored" and analysis is not None:
                self._write_analysis(conn, analysis)
        return status

    def has_document(self, document_id: str) -> bool:
        query = "SELECT 1 FROM documents WHERE id = ?"
        return self.conn.execute(query, (document_id,)).fetchone() is not None

    def save_analysis(self, analysis: Analysis) -> None:
        with self.transaction() as conn:
            self._write_analysis(conn, analysis)

    def _write_analysis(self, conn: sqlite3.Connection, analysis: Analysis) -> None:
        for table, rows in analysis_rows(analysis).items():
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (analysis.document.id,))
            for row in rows:
                row = {**row, "analyzed_at": now()} if table == "analyses" else row
                columns = ", ".join(row)
                values = ", ".join(f":{name}" for name in row)
                conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row)

    def get_analysis(self, document_id: str) -> Analysis | None:
        document = self.get_document(document_id)
        if document is None:
            return None
        row = self.conn.execute(
            "SELECT record FROM analyses WHERE document_id = ?", (document.id,)
        ).fetchone()
        return analysis_from_record(document, row[0]) if row else None

    def ids_to_analyze(self, everything: bool = False) -> list[str]:
        if everything:
            rows = self.conn.execute("SELECT id FROM documents ORDER BY rowid")
        else:
            rows = self.conn.execute(
                "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.document_id = d.id"
                " WHERE a.schema_version IS NULL OR a.schema_version < ? ORDER BY d.rowid",
                (SCHEMA_VERSION,),
            )
        return [row[0] for row in rows]

    def record_error(self, run_id: int | None, source: str, stage: str, code: str,
                     message: str) -> None:  # fmt: skip
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO errors (run_id, source, stage, code, message, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, source, stage, code, message, now()),
            )

    def get_document(self, id_or_prefix: str) -> Document | None:
        columns = ", ".join(DOCUMENT_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM documents WHERE id LIKE ? || '%' ORDER BY id LIMIT 2",
            (id_or_prefix.replace("%", "").replace("_", ""),),
        ).fetchall()
        exact = [r for r in rows if r["id"] == id_or_prefix]
        if exact or len(rows) == 1:
            return document_from_row(dict((exact or rows)[0]))
        return None

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]:
        columns = ", ".join(DOCUMENT_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM documents ORDER BY ingested_at, rowid LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [document_from_row(dict(row)) for row in rows]

    def count_documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def list_errors(self, run_id: int | None = None) -> list[ErrorRecord]:
        query = "SELECT run_id, source, stage, code, message, created_at FROM errors"
        rows = (
            self.conn.execute(query + " WHERE run_id = ? ORDER BY id", (run_id,))
            if run_id is not None
            else self.conn.execute(query + " ORDER BY id")
        ).fetchall()
        return [ErrorRecord(**dict(row)) for row in rows]

    def list_runs(self, limit: int = 20) -> list[RunRecord]:
        rows = self.conn.execute(
            "SELECT id, command, started_at, finished_at, status, stored, duplicates, failed,"
            " skipped FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [RunRecord(**dict(row)) for row in rows]

    def close(self) -> None:
        self.conn.close()

    def local_files(self) -> list[Path]:
        if self.path == ":memory:":
            return []
        main = Path(self.path).resolve()
        return [main, *(main.with_name(main.name + s) for s in ("-wal", "-shm", "-journal"))]


def split_statements(sql: str) -> list[str]:
    """Split a migration file into statements (migrations hold no ';' inside strings)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
