"""The Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.crossdoc.records import EventCluster
from newsgraph.ingest.core import RunSummary, ingest_sources, iter_documents
from newsgraph.ingest.options import IngestOptions
from newsgraph.records import Analysis, Document
from newsgraph.store import open_store


def ingest(
    sources: str | Path | list[str | Path],
    db: str | Path | None = None,
    *,
    analyze: bool = True,
    progress: bool = False,
    workers: int = 1,
    **options: Any,
) -> RunSummary:
    """Store (and analyse) every article under `sources` — files, folders, URLs, feeds, WARC,
    JSONL — in `db`.

    `options` are `IngestOptions` fields (published, outlet, url, max_bytes, allow_private, ...).
    `workers` > 1 analyses in that many processes (one writer, the same stored results).
    Returns the run's summary; failures are in `summary.failures` and the store's errors table.
    """
    source_list = [str(s) for s in (sources if isinstance(sources, list) else [sources])]
    analyzer = _analyzer() if analyze else None
    with open_store(db) as store:
        summary = ingest_sources(
            source_list, store, IngestOptions(**options), progress=progress, analyze=analyzer,
            workers=workers,
        )  # fmt: skip
        if analyze:  # new documents join the groups and clusters they belong to
            from newsgraph.crossdoc.update import update_store

            update_store(store)
        return summary


def cluster(db: str | Path | None = None, *, rebuild: bool = False) -> list[EventCluster]:
    """Update the stored article groups and event clusters with the analysed documents not
    clustered yet (everything from scratch with `rebuild`); returns every stored cluster."""
    from newsgraph.crossdoc.update import rebuild_store, update_store

    with open_store(db) as store:
        rebuild_store(store) if rebuild else update_store(store)
        return store.list_event_clusters()


def extract(source: str | Path, *, analyze: bool = True, **options: Any) -> Analysis:
    """The analysis of one article (a file, a URL, or a one-article container), without a
    database; `analysis.document` is the clean document. Raises `Rejected` when it cannot be
    used and ValueError when `source` holds several articles (use `extract_all`)."""
    analyses = extract_all(source, analyze=analyze, **options)
    if len(analyses) != 1:
        raise ValueError(f"{source} holds {len(analyses)} articles; use extract_all()")
    return analyses[0]


def extract_all(source: str | Path, *, analyze: bool = True, **options: Any) -> list[Analysis]:
    """The analysis of every article in `source`, without a database. Raises the first
    `Rejected` when nothing could be extracted."""
    failures = []
    documents = [
        document
        for _raw, document in iter_documents(
            [str(source)], IngestOptions(**options), lambda _raw, error: failures.append(error)
        )
    ]
    if not documents and failures:
        raise failures[0]
    if not analyze:
        return [Analysis(document=d, skipped="analysis not requested") for d in documents]
    from newsgraph.analyze import analyze_documents

    return list(analyze_documents(documents))


def _analyzer():  # noqa: ANN202
    from newsgraph.analyze import analyze_document

    return analyze_document


__all__ = ["Analysis", "Document", "cluster", "extract", "extract_all", "ingest"]
