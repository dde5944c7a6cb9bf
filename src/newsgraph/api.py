"""The Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.errors import Rejected
from newsgraph.ingest.core import RunSummary, ingest_sources, iter_documents
from newsgraph.ingest.options import IngestOptions
from newsgraph.records import Document
from newsgraph.store import open_store


def ingest(
    sources: str | Path | list[str | Path],
    db: str | Path | None = None,
    *,
    progress: bool = False,
    **options: Any,
) -> RunSummary:
    """Store every article under `sources` (files, folders, URLs, feeds, WARC, JSONL) in `db`.

    `options` are `IngestOptions` fields (published, outlet, url, max_bytes, allow_private, ...).
    Returns the run's summary; failures are in `summary.failures` and the store's errors table.
    """
    source_list = [str(s) for s in (sources if isinstance(sources, list) else [sources])]
    with open_store(db) as store:
        return ingest_sources(source_list, store, IngestOptions(**options), progress=progress)


def extract(source: str | Path, **options: Any) -> Document:
    """The clean document of one article (a file, a URL, or a one-article container), without a
    database. Raises `Rejected` when it cannot be used and ValueError when `source` holds several
    articles (use `extract_all`)."""
    documents = extract_all(source, **options)
    if len(documents) != 1:
        raise ValueError(f"{source} holds {len(documents)} articles; use extract_all()")
    return documents[0]


def extract_all(source: str | Path, **options: Any) -> list[Document]:
    """Every clean document in `source`, without a database. Raises the first `Rejected` when
    nothing could be extracted."""
    failures: list[Rejected] = []
    documents = [
        document
        for _raw, document in iter_documents(
            [str(source)], IngestOptions(**options), lambda _raw, error: failures.append(error)
        )
    ]
    if not documents and failures:
        raise failures[0]
    return documents
