"""The store in SQL both backends understand (SQLite 3.35+ and PostgreSQL): what stays per
backend — connecting, transactions, locks, migrations' dialect — lives in sqlite.py and
postgres.py. Statements use `?` and `:name` placeholders; the PostgreSQL connection
translates them."""

from __future__ import annotations

import json
from abc import abstractmethod
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

from newsgraph.crossdoc.records import ArticleGroup, EventCluster
from newsgraph.records import SCHEMA_VERSION, Analysis, Document
from newsgraph.store.base import (
    DOCUMENT_COLUMNS,
    ErrorRecord,
    RunRecord,
    Store,
    analysis_from_record,
    analysis_rows,
    crossdoc_rows,
    document_from_row,
    document_row,
    load_migrations,
)

# The columns that identify a row of the tables written with "insert or replace".
UPSERT_KEYS = {
    "document_groups": ("document_id",),
    "article_groups": ("id",),
    "event_clusters": ("id",),
    "cluster_members": ("document_id", "event_id"),
    "reconciled_values": ("cluster_id", "document_id", "count_id"),
}


class Connection(Protocol):
    """What the shared SQL needs of a connection: sqlite3's, or postgres.py's wrapper."""

    def execute(self, sql: str, params: Any = ...) -> Any: ...

    def executemany(self, sql: str, params: Any) -> Any: ...


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def quoted(name: str) -> str:
    """A column name quoted for both backends ("end" is reserved in PostgreSQL)."""
    return f'"{name}"'


def insert_sql(table: str, row: dict[str, Any], on_conflict: str = "") -> str:
    """INSERT of `row`'s columns with named placeholders; `on_conflict` as in
    "(id) DO NOTHING"."""
    columns = ", ".join(quoted(name) for name in row)
    values = ", ".join(f":{name}" for name in row)
    conflict = f" ON CONFLICT {on_conflict}" if on_conflict else ""
    return f"INSERT INTO {table} ({columns}) VALUES ({values}){conflict}"


def upsert_sql(table: str, row: dict[str, Any]) -> str:
    """INSERT of `row` replacing the row with the same key (UPSERT_KEYS)."""
    keys = UPSERT_KEYS[table]
    updates = ", ".join(f"{quoted(c)} = excluded.{quoted(c)}" for c in row if c not in keys)
    target = ", ".join(quoted(c) for c in keys)
    return insert_sql(table, row, f"({target}) DO UPDATE SET {updates}")


MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


class SQLStore(Store):
    """Every Store method in shared SQL over `self.conn`; a backend adds the rest."""

    conn: Connection
    migrations_folder: str  # under newsgraph/store

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """One atomic write: all of it lands or none of it (also on Ctrl-C or a kill)."""

    @abstractmethod
    def _lock_schema(self, conn: Connection) -> None:
        """Inside the migration transaction: keep other processes from migrating at once."""

    @abstractmethod
    def _run_script(self, conn: Connection, sql: str) -> None: ...

    def migrate(self) -> None:
        """Apply every migration not yet applied, by number (one that lands after a later-
        numbered one, from two branches, is still applied), in one transaction."""
        migrations = load_migrations(self.migrations_folder)
        if self.has_table("schema_migrations") and not self._pending(migrations):
            return  # the usual case: no lock taken
        with self.transaction() as conn:
            self._lock_schema(conn)
            conn.execute(MIGRATIONS_TABLE)
            for migration in self._pending(migrations):
                self._run_script(conn, migration.sql)
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )

    def _pending(self, migrations: list) -> list:
        applied = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        return [m for m in migrations if m.version not in applied]

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def begin_run(self, command: str, sources: list[str]) -> int:
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO runs (command, sources, started_at) VALUES (?, ?, ?) RETURNING id",
                (command, json.dumps(sources), now()),
            ).fetchone()
        return int(row[0])

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
        with self.transaction() as conn:
            # Two writers storing the same text at once: one stores it, the other sees a
            # duplicate (the primary key decides, in both backends).
            cursor = conn.execute(insert_sql("documents", row, on_conflict="(id) DO NOTHING"), row)
            status = "stored" if cursor.rowcount == 1 else "duplicate"
            conn.execute(
                "INSERT INTO sources (source, fingerprint, document_id, status, run_id, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET"
                " fingerprint = excluded.fingerprint, document_id = excluded.document_id,"
                # the same source read again by another process stays the one that stored it
                " status = CASE WHEN sources.document_id = excluded.document_id"
                " THEN sources.status ELSE excluded.status END,"
                " run_id = excluded.run_id, updated_at = excluded.updated_at",
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

    def _write_analysis(self, conn: Connection, analysis: Analysis) -> None:
        for table, rows in analysis_rows(analysis).items():
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (analysis.document.id,))
            for row in rows:
                row = {**row, "analyzed_at": now()} if table == "analyses" else row
                conn.execute(insert_sql(table, row), row)

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

    def ids_to_cluster(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT a.document_id FROM analyses a LEFT JOIN document_groups g"
            " ON g.document_id = a.document_id"
            " WHERE g.clustered_at IS NULL OR a.analyzed_at > g.clustered_at ORDER BY a.rowid"
        )
        return [row[0] for row in rows]

    def find_duplicate_candidates(self, buckets: list[tuple[int, str]]) -> list[str]:
        found: set[str] = set()
        for band, bucket in buckets:
            rows = self.conn.execute(
                "SELECT document_id FROM fingerprint_bands WHERE band = ? AND bucket = ?",
                (band, bucket),
            )
            found.update(row[0] for row in rows)
        return sorted(found)

    def get_group_ids(self, document_ids: list[str]) -> dict[str, str]:
        return dict(self._select_in(
            "SELECT document_id, group_id FROM document_groups WHERE document_id IN ({})",
            document_ids,
        ))  # fmt: skip

    def list_group_members(self, group_ids: list[str]) -> list[str]:
        query = "SELECT document_id FROM document_groups WHERE group_id IN ({})"
        return sorted(row[0] for row in self._select_in(query, group_ids))

    def find_cluster_ids(self, event_type: str, day_low: str, day_high: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT cluster_id FROM cluster_members"
            " WHERE type = ? AND day_low <= ? AND day_high >= ?",
            (event_type, day_high, day_low),
        )
        return {row[0] for row in rows}

    def cluster_ids_of_documents(self, document_ids: list[str]) -> set[str]:
        query = "SELECT DISTINCT cluster_id FROM cluster_members WHERE document_id IN ({})"
        return {row[0] for row in self._select_in(query, document_ids)}

    def list_cluster_member_keys(self, cluster_ids: list[str]) -> list[tuple[str, str]]:
        query = "SELECT document_id, event_id FROM cluster_members WHERE cluster_id IN ({})"
        return sorted((row[0], row[1]) for row in self._select_in(query, cluster_ids))

    def _select_in(self, query: str, values: list[str], chunk: int = 500) -> list[Any]:
        """Run `query` with its IN (...) over `values` in chunks (SQLite limits parameters)."""
        rows: list[Any] = []
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            rows += self.conn.execute(query.format(", ".join("?" * len(part))), part).fetchall()
        return rows

    def save_crossdoc(
        self,
        groups: list[ArticleGroup],
        bands: dict[str, list[tuple[int, str]]],
        clusters: list[EventCluster],
        replaced_group_ids: list[str],
        replaced_cluster_ids: list[str],
    ) -> None:
        clustered_at = now()
        with self.transaction() as conn:
            for group_id in replaced_group_ids:
                conn.execute("DELETE FROM article_groups WHERE id = ?", (group_id,))
            for cluster_id in replaced_cluster_ids:
                for table, column in (("event_clusters", "id"), ("cluster_members", "cluster_id"),
                                      ("reconciled_values", "cluster_id")):  # fmt: skip
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (cluster_id,))
            for document_id, document_bands in bands.items():
                conn.executemany(
                    "INSERT INTO fingerprint_bands (band, bucket, document_id) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    [(band, bucket, document_id) for band, bucket in document_bands],
                )
            memberships = [
                {"document_id": doc_id, "group_id": g.id, "clustered_at": clustered_at}
                for g in groups
                for doc_id in g.document_ids
            ]
            if memberships:
                conn.executemany(upsert_sql("document_groups", memberships[0]), memberships)
            for table, rows in crossdoc_rows(groups, clusters).items():
                for row in rows:
                    conn.execute(upsert_sql(table, row), row)

    def clear_crossdoc(self) -> None:
        with self.transaction() as conn:
            for table in ("article_groups", "document_groups", "fingerprint_bands",
                          "event_clusters", "cluster_members", "reconciled_values"):  # fmt: skip
                conn.execute(f"DELETE FROM {table}")

    def list_article_groups(self, min_size: int = 1) -> list[ArticleGroup]:
        rows = self.conn.execute(
            "SELECT id, document_ids, earliest_document_id, earliest_published,"
            " latest_document_id, latest_published, outlets FROM article_groups"
            " WHERE size >= ? ORDER BY earliest_published, id",
            (min_size,),
        ).fetchall()
        return [
            ArticleGroup(**{**dict(row), "document_ids": json.loads(row["document_ids"]),
                            "outlets": json.loads(row["outlets"])})
            for row in rows
        ]  # fmt: skip

    def list_event_clusters(self, min_sources: int = 1) -> list[EventCluster]:
        rows = self.conn.execute(
            "SELECT record FROM event_clusters WHERE sources >= ? ORDER BY time_low, id",
            (min_sources,),
        )
        return [EventCluster.from_dict(json.loads(row[0])) for row in rows]
