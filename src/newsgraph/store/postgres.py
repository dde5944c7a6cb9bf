"""The PostgreSQL store (psycopg 3): the shared SQL of sql.py over one connection in autocommit
mode, explicit transactions, advisory locks where SQLite has its single writer.

Several processes may write at once: a document's primary key decides which of two writers of
the same text stores it (the other sees a duplicate), migrations and cross-document updates
take advisory locks."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.store.sql import SQLStore

SCHEMA_LOCK = 0x6E67_0001  # advisory lock keys ("ng" …): migrating
CROSSDOC_LOCK = 0x6E67_0002  # updating groups and clusters

URL_PREFIXES = ("postgresql://", "postgres://")


class Row:
    """A result row read by position or by column name, as sqlite3.Row (dict(row) works)."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def row_factory(cursor: Any) -> Any:
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """SQLite's placeholders (`?`, `:name`) as psycopg's (`%s`, `%(name)s`); a literal % is
    doubled. The shared SQL puts no '?' or ':name' inside string literals; '::' casts stay."""
    sql = sql.replace("%", "%%").replace("?", "%s")
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)


class PostgresConnection:
    """psycopg's connection speaking the shared SQL's placeholders (execute, executemany)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Any = None) -> Any:
        if params is None:  # no parameters: sent as it is (several statements allowed)
            return self.raw.execute(sql)
        return self.raw.execute(to_pyformat(sql), params)

    def executemany(self, sql: str, params: Any) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), params)


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(SQLStore):
    dialect = "postgresql"
    migrations_folder = "migrations_postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "a postgresql:// database needs psycopg: pip install 'newsgraph[postgres]'"
            ) from None
        self.url = url
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=row_factory)
        except psycopg.Error as error:
            message = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise StoreError(f"cannot open the database {redacted(url)}: {message}") from None
        self.conn = PostgresConnection(raw)
        try:
            self.migrate()
        except psycopg.Error as error:
            raw.close()
            raise StoreError(f"cannot migrate the database {redacted(url)}: {error}") from None

    @contextmanager
    def transaction(self) -> Iterator[PostgresConnection]:
        with self.conn.raw.transaction():  # rolls back on any exception, Ctrl-C included
            yield self.conn

    def has_table(self, name: str) -> bool:
        return bool(self.conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0])

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        self.conn.execute("SELECT pg_advisory_lock(?)", (CROSSDOC_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(?)", (CROSSDOC_LOCK,))

    def _lock_schema(self, conn: PostgresConnection) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))

    def _run_script(self, conn: PostgresConnection, sql: str) -> None:
        conn.execute(sql)

    def close(self) -> None:
        self.conn.raw.close()


def schema_url(server: str, schema: str) -> str:
    """The URL of `server` whose tables live in `schema` (its search path)."""
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options=-csearch_path%3D{schema}"


@contextmanager
def temporary_schema(server: str, prefix: str = "newsgraph_tmp") -> Iterator[str]:
    """A URL of a new, empty schema on `server`, dropped afterwards (tests, benchmarks)."""
    import psycopg

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema_url(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
