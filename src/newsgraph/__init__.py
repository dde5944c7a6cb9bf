"""newsgraph: a source-attributed database of events, actors, places, dates, counts, quotations
and claims, built from your own news articles, offline."""

from newsgraph.api import extract, extract_all, ingest
from newsgraph.records import Document

__version__ = "0.1.0"
__all__ = ["Document", "extract", "extract_all", "ingest"]
