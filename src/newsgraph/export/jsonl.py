"""JSONL of full analyses: one `Analysis.to_dict()` a line, for documents with selected events
(every analysed document when no filter is given)."""

from __future__ import annotations

import json
from typing import TextIO

from newsgraph.export import register_exporter
from newsgraph.query import EventFilter, connection, get_analysis, list_events
from newsgraph.store import Store


@register_exporter("jsonl", "jsonl", "full analyses, one JSON object a line")
def write_jsonl(store: Store, filters: EventFilter, out: TextIO) -> int:
    if filters.is_empty:
        rows = connection(store).execute("SELECT document_id FROM analyses ORDER BY rowid")
        ids = [row[0] for row in rows]
    else:
        ids = list(dict.fromkeys(row["document_id"] for row in list_events(store, filters, None)))
    written = 0
    for document_id in ids:
        analysis = get_analysis(store, document_id)
        if analysis is not None:
            out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            written += 1
    return written
