"""Parquet tables for DuckDB, pandas and polars: one file per table in the output folder.

documents, events (with the public id `event_key` and the event date), event_actors, counts,
entities, places (the store's tables as stored), quotes and claims (from the stored analyses,
spans as [start, end] lists), and clusters / cluster_members when crossdoc has made them. With
filters, events are those selected and the other tables hold their documents' rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.export import register_exporter
from newsgraph.query import (
    CLUSTER_TABLES,
    EventFilter,
    clusters_available,
    connection,
    list_events,
)
from newsgraph.store import Store

SQL_TABLES = ("documents", "entities", "places", "counts", "event_actors")


def _write(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)


@register_exporter("parquet", "", "Parquet tables (a folder: documents.parquet, events ...)",
                   directory=True)  # fmt: skip
def write_parquet(store: Store, filters: EventFilter, out: Path) -> int:
    written = 0
    for table, rows in parquet_tables(store, filters).items():
        _write(rows, out / f"{table}.parquet")
        written += len(rows)
    return written


# Columns only the PostgreSQL schema has (SQLite's rowid is hidden from *, its search is FTS5).
POSTGRES_ONLY_COLUMNS = ("rowid", "search")


def portable_row(row: Any) -> dict[str, Any]:
    """A row as a dict without the POSTGRES_ONLY_COLUMNS: the same tables from both backends."""
    record = dict(row)
    for column in POSTGRES_ONLY_COLUMNS:
        record.pop(column, None)
    return record


def parquet_tables(store: Store, filters: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """The rows of every Parquet table, by table name in writing order (`newsgraph spark`
    builds its tables with this too, from a store of each batch of documents)."""
    conn = connection(store)
    selected = list_events(store, filters, limit=None)
    ids = None if filters.is_empty else sorted({row["document_id"] for row in selected})
    keys = {(row["document_id"], row["event_id"]): row for row in selected}

    def rows_of(table: str) -> list[dict[str, Any]]:
        sql = f"SELECT * FROM {table}"  # table names are the constants above, never input
        if ids is None:
            return [portable_row(r) for r in conn.execute(sql)]
        column = "id" if table == "documents" else "document_id"
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = conn.execute(f"{sql} WHERE {column} IN ({marks})", chunk)
            found += [portable_row(r) for r in rows]
        return found

    tables: dict[str, list[dict[str, Any]]] = {}
    for table in SQL_TABLES:
        rows = rows_of(table)
        if table == "event_actors":
            rows = [r for r in rows if (r["document_id"], r["event_id"]) in keys]
        tables[table] = rows
    events = []
    for row in rows_of("events"):
        match = keys.get((row["document_id"], row["id"]))
        if match is not None:
            row.pop("day", None)  # the index column of migration 0008: "date" holds it
            events.append({"event_key": match["id"], "date": match["date"], **row})
    tables["events"] = events
    for key in ("quotes", "claims"):
        records = []
        for row in rows_of("analyses"):
            for record in json.loads(row["record"]).get(key, []):
                flat = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in record.items()}
                records.append({"document_id": row["document_id"], **flat})
        tables[key] = records
    if clusters_available(store):
        for table in CLUSTER_TABLES:
            tables[table] = [portable_row(r) for r in conn.execute(f"SELECT * FROM {table}")]
    return tables
