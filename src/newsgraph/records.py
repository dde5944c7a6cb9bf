"""The records newsgraph produces. Every span is a (start, end) character pair into `Document.text`.

Records are plain dataclasses so that the CLI, the store, the exports and the Spark job all share
one model; `to_dict()` gives the JSON shape published in the schema.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1

Span = tuple[int, int]


@dataclass(frozen=True)
class QualityFlag:
    """Something a reader of the document should know about its cleaning.

    `kind` is one of: boilerplate_line, encoding_guessed, mixed_encoding, non_english,
    fallback_extractor, title_from_text, published_from_crawl_date (the page gives no date, so
    the crawl's is used). `detail` holds the removed text or a note.
    """

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Dateline:
    """A news dateline such as "ALMATY, Kazakhstan. —" at the head of the body text."""

    text: str  # as written, without the trailing dash
    place: str  # "Almaty": the city, title-cased
    region: str | None = None  # "Kazakhstan": state or country when given
    agency: str | None = None  # "Reuters" from "LONDON (Reuters) -"
    span: Span = (0, 0)


@dataclass
class Document:
    """One cleaned article. `id` is derived from the clean text, so the same article gets one id."""

    text: str
    source: str  # where it came from: a path, a URL, "path#line", "warc#offset"
    source_kind: str  # text | html | jsonl | warc | url | feed
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time
    published_precision: str | None = None  # day | minute | second (what `published` supports)
    language: str | None = None  # ISO 639-1
    dateline: Dateline | None = None
    quality_flags: list[QualityFlag] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    @property
    def is_english(self) -> bool:
        return self.language in (None, "en")

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        if self.dateline is not None:
            record["dateline"]["span"] = list(self.dateline.span)
        return {"schema_version": SCHEMA_VERSION, **record}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Document:
        record = {k: v for k, v in record.items() if k != "schema_version"}
        if record.get("dateline"):
            dateline = dict(record["dateline"])
            dateline["span"] = tuple(dateline["span"])
            record["dateline"] = Dateline(**dateline)
        record["quality_flags"] = [QualityFlag(**f) for f in record.get("quality_flags", [])]
        return cls(**record)


def document_id(clean_text: str) -> str:
    """A stable id from the clean text: 16 hex digits of its SHA-256 (64 bits)."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]
