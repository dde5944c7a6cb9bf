"""Reading a SQLite database another process is writing (the ingest subprocess tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def count_documents(db: Path) -> int:
    """Documents stored so far; 0 while the database is not created or migrated yet."""
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
