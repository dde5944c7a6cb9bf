"""One options object for ingestion, with every default in one place."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a long news page is ~2 MB of HTML; 10x leaves headroom


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read and cleaned. Metadata given here fills what an input lacks."""

    max_bytes: int = DEFAULT_MAX_BYTES  # per input, before and after decompression
    allow_private: bool = False  # fetch URLs that resolve to loopback/private addresses
    timeout: float = 20.0  # seconds per HTTP request
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    user_agent: str = "newsgraph/0.1 (+offline news analysis)"
    exclude_paths: frozenset[str] = frozenset()  # absolute paths never read (the store's files)
