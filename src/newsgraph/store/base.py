"""The store API the callers use without knowing the backend (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.crossdoc.records import ArticleGroup, EventCluster
from newsgraph.records import SCHEMA_VERSION, Analysis, Document


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@dataclass(frozen=True)
class ErrorRecord:
    run_id: int | None
    source: str
    stage: str
    code: str
    message: str
    created_at: str


@dataclass(frozen=True)
class RunRecord:
    id: int
    command: str
    started_at: str
    finished_at: str | None
    status: str
    stored: int
    duplicates: int
    failed: int
    skipped: int


def load_migrations(folder_name: str = "migrations") -> list[Migration]:
    """The numbered SQL files under store/<folder_name>, in order: 0001_documents.sql is
    version 1 (store/migrations for SQLite, store/migrations_postgresql for PostgreSQL)."""
    folder = resources.files("newsgraph.store") / folder_name
    migrations = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            number, _, rest = entry.name.partition("_")
            migrations.append(Migration(int(number), rest.removesuffix(".sql"), entry.read_text()))
    return migrations


def document_row(doc: Document) -> dict[str, Any]:
    """A document as column values: lists and objects become JSON text."""
    record = doc.to_dict()
    for key in ("authors", "quality_flags", "dateline"):
        record[key] = json.dumps(record[key], ensure_ascii=False) if record[key] else None
    record["authors"] = record["authors"] or "[]"
    record["quality_flags"] = record["quality_flags"] or "[]"
    del record["schema_version"]
    return record


def document_from_row(row: dict[str, Any]) -> Document:
    record = {key: row[key] for key in DOCUMENT_COLUMNS}
    for key in ("authors", "quality_flags", "dateline"):
        record[key] = json.loads(record[key]) if record[key] else None
    record["authors"] = record["authors"] or []
    record["quality_flags"] = record["quality_flags"] or []
    return Document.from_dict(record)


def analysis_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The analysis as rows of its tables (the JSON record, entities, mentions, places)."""
    doc_id = analysis.document.id
    record = analysis.to_dict()
    del record["document"]
    return {
        "analyses": [{"document_id": doc_id, "schema_version": SCHEMA_VERSION,
                      "record": json.dumps(record, ensure_ascii=False)}],
        "entities": [
            {"document_id": doc_id, "id": e.id, "name": e.name, "kind": e.kind, "title": e.title,
             "affiliation": e.affiliation, "country": e.country, "sector": e.sector,
             "anonymous": int(e.anonymous), "confidence": e.confidence}
            for e in analysis.entities
        ],
        "mentions": [
            {"document_id": doc_id, "id": m.id, "entity_id": m.entity_id, "start": m.span[0],
             "end": m.span[1], "text": m.text, "kind": m.kind}
            for m in analysis.mentions
        ],
        "places": [
            {"document_id": doc_id, "id": p.id, "start": p.span[0], "end": p.span[1],
             "text": p.text, "name": p.name, "geonames_id": p.geonames_id, "lat": p.lat,
             "lon": p.lon, "country": p.country, "admin1_code": p.admin1_code,
             "admin1_name": p.admin1_name, "feature_class": p.feature_class,
             "feature_code": p.feature_code, "precision": p.precision,
             "confidence": p.confidence, "is_focus": int(p.id == analysis.focus_place_id)}
            for p in analysis.places
        ],
        "times": [
            {"document_id": doc_id, "id": t.id, "start": t.span[0], "end": t.span[1],
             "text": t.text, "type": t.type, "value": t.value, "granularity": t.granularity,
             "anchor": t.anchor, "low": t.low, "high": t.high}
            for t in analysis.times
        ],
        "counts": [
            {"document_id": doc_id, "id": c.id, "start": c.span[0], "end": c.span[1],
             "text": c.text, "type": c.type, "low": c.low, "high": c.high,
             "qualifier": c.qualifier, "object": c.object, "entity_id": c.entity_id,
             "time_id": c.time_id, "place_id": c.place_id, "cumulative": int(c.cumulative),
             "gdelt_type": c.gdelt_type}
            for c in analysis.counts
        ],
        "events": [
            {"document_id": doc_id, "id": e.id, "type": e.type, "mode": e.mode,
             "modality": e.modality, "trigger": e.trigger, "start": e.trigger_span[0],
             "end": e.trigger_span[1], "cameo": e.cameo, "quad_class": e.quad_class,
             "acled_event_type": e.acled_event_type,
             "acled_sub_event_type": e.acled_sub_event_type, "place_id": e.place_id,
             "time_id": e.time_id, "claim_id": e.claim_id, "confidence": e.confidence}
            for e in analysis.events
        ],
        "event_actors": [
            {"document_id": doc_id, "event_id": e.id, "role": a.role, "text": a.text,
             "start": a.span[0], "end": a.span[1], "entity_id": a.entity_id,
             "country": a.country, "sector": a.sector}
            for e in analysis.events
            for a in e.actors
        ],
        "document_tone": [
            {"document_id": doc_id, **asdict(analysis.tone)}
        ] if analysis.tone is not None else [],
        "document_themes": [
            {"document_id": doc_id, "theme": t.theme, "hits": len(t.spans),
             "spans": json.dumps([list(span) for span in t.spans])}
            for t in analysis.themes
        ],
        "actor_tones": [
            {"document_id": doc_id, "entity_id": a.entity_id, "tone": a.tone,
             "positive": a.positive, "negative": a.negative, "words": a.words,
             "sentence_tone": a.sentence_tone.tone if a.sentence_tone else None}
            for a in analysis.actor_tones
        ],
    }  # fmt: skip


def analysis_from_record(document: Document, record_json: str) -> Analysis:
    return Analysis.from_dict({**json.loads(record_json), "document": document.to_dict()})


def crossdoc_rows(
    groups: list[ArticleGroup], clusters: list[EventCluster]
) -> dict[str, list[dict[str, Any]]]:
    """Article groups and event clusters as rows of their tables."""
    return {
        "article_groups": [
            {"id": g.id, "size": len(g.document_ids), "document_ids": json.dumps(g.document_ids),
             "earliest_document_id": g.earliest_document_id,
             "earliest_published": g.earliest_published,
             "latest_document_id": g.latest_document_id, "latest_published": g.latest_published,
             "outlets": json.dumps(g.outlets, ensure_ascii=False)}
            for g in groups
        ],
        "event_clusters": [
            {"id": c.id, "type": c.type, "mode": c.mode,
             "place_name": c.place["name"] if c.place else None,
             "geonames_id": c.place["geonames_id"] if c.place else None,
             "country": c.place["country"] if c.place else None,
             "place_precision": c.place["precision"] if c.place else None,
             "time_low": c.time_low, "time_high": c.time_high,
             "time_precision": c.time_precision, "sources": c.sources, "reports": c.reports,
             "first_reported": c.first_reported, "last_reported": c.last_reported,
             "record": json.dumps(c.to_dict(), ensure_ascii=False)}
            for c in clusters
        ],
        "cluster_members": [
            {"cluster_id": c.id, "document_id": m.document_id, "event_id": m.event_id,
             "type": m.type, "day_low": m.day_low, "day_high": m.day_high, "outlet": m.outlet,
             "published": m.published}
            for c in clusters
            for m in c.member_details
        ],
        "reconciled_values": [
            {"cluster_id": c.id, "count_type": v.count_type, "document_id": v.document_id,
             "count_id": v.count_id, "low": v.low, "high": v.high, "qualifier": v.qualifier,
             "number_text": v.number_text, "object": v.object, "claimant": v.claimant,
             "claimant_kind": v.claimant_kind, "outlet": v.outlet, "published": v.published,
             "conflict": int(f.conflict)}
            for c in clusters
            for f in c.figures
            for v in f.values
        ],
    }  # fmt: skip


DOCUMENT_COLUMNS = (
    "id", "url", "outlet", "title", "authors", "published", "published_precision", "language",
    "dateline", "quality_flags", "text", "source", "source_kind",
)  # fmt: skip


class Store(ABC):
    """Where documents and their analyses live. Every write of one document is one transaction."""

    dialect: str  # the SQL of the read queries (query.py): "sqlite" | "postgresql"

    @abstractmethod
    def has_table(self, name: str) -> bool: ...

    @abstractmethod
    def exclusive(self) -> AbstractContextManager[None]:
        """Held while one process reads, recomputes and writes the cross-document tables, so
        that two ingests finishing at once cluster one after the other."""

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def begin_run(self, command: str, sources: list[str]) -> int: ...

    @abstractmethod
    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None: ...

    @abstractmethod
    def source_done(self, source: str, fingerprint: str) -> bool:
        """True when `source`, unchanged since, already produced a document."""

    @abstractmethod
    def save_document(
        self, doc: Document, fingerprint: str, run_id: int, analysis: Analysis | None = None
    ) -> str:
        """Store `doc`, its source and its analysis atomically. Returns "stored" or
        "duplicate" (a duplicate keeps the analysis it already has)."""

    @abstractmethod
    def has_document(self, document_id: str) -> bool: ...

    @abstractmethod
    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the stored analysis of an already stored document (one transaction)."""

    @abstractmethod
    def get_analysis(self, document_id: str) -> Analysis | None: ...

    @abstractmethod
    def ids_to_analyze(self, everything: bool = False) -> list[str]:
        """Documents with no analysis of the current schema version (or all of them)."""

    @abstractmethod
    def record_error(self, run_id: int | None, source: str, stage: str, code: str,
                     message: str) -> None: ...  # fmt: skip

    @abstractmethod
    def get_document(self, id_or_prefix: str) -> Document | None:
        """The document with this id, or with the only id starting with this prefix."""

    @abstractmethod
    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def list_errors(self, run_id: int | None = None) -> list[ErrorRecord]: ...

    @abstractmethod
    def list_runs(self, limit: int = 20) -> list[RunRecord]: ...

    # Across documents (newsgraph.crossdoc): article groups and event clusters.

    @abstractmethod
    def ids_to_cluster(self) -> list[str]:
        """Analysed documents not clustered since their analysis was stored."""

    @abstractmethod
    def find_duplicate_candidates(self, buckets: list[tuple[int, str]]) -> list[str]:
        """Documents sharing any of these (band, bucket) MinHash LSH buckets."""

    @abstractmethod
    def get_group_ids(self, document_ids: list[str]) -> dict[str, str]:
        """The article group of each of these documents that has one."""

    @abstractmethod
    def list_group_members(self, group_ids: list[str]) -> list[str]: ...

    @abstractmethod
    def find_cluster_ids(self, event_type: str, day_low: str, day_high: str) -> set[str]:
        """Clusters holding an event of this type whose days overlap [day_low, day_high]."""

    @abstractmethod
    def cluster_ids_of_documents(self, document_ids: list[str]) -> set[str]: ...

    @abstractmethod
    def list_cluster_member_keys(self, cluster_ids: list[str]) -> list[tuple[str, str]]:
        """(document id, event id) of every member of these clusters."""

    @abstractmethod
    def save_crossdoc(
        self,
        groups: list[ArticleGroup],
        bands: dict[str, list[tuple[int, str]]],
        clusters: list[EventCluster],
        replaced_group_ids: list[str],
        replaced_cluster_ids: list[str],
    ) -> None:
        """Replace these groups and clusters with the new ones, add the documents' LSH bands
        and mark every group member clustered (one transaction)."""

    @abstractmethod
    def clear_crossdoc(self) -> None:
        """Forget every group, band and cluster (before a rebuild)."""

    @abstractmethod
    def list_article_groups(self, min_size: int = 1) -> list[ArticleGroup]: ...

    @abstractmethod
    def list_event_clusters(self, min_sources: int = 1) -> list[EventCluster]: ...

    @abstractmethod
    def close(self) -> None: ...

    def local_files(self) -> list[Path]:
        """Files this store keeps on this machine, which ingest must never read as articles."""
        return []

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
