"""POST /documents: one article from the API through the same boundary as `newsgraph ingest`
(build_document rejects what cannot be used, with its numbered reason), analysed and stored."""

from __future__ import annotations

import hashlib
from typing import Any

from newsgraph.errors import Rejected
from newsgraph.ingest.core import build_document
from newsgraph.ingest.metadata import normalize_published
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.sources import Expansion, Hints, Payload, RawInput, url_input
from newsgraph.records import Analysis
from newsgraph.store import Store


def submit_document(store: Store, body: Any, allow_private: bool = False) -> tuple[str, Analysis]:
    """Store and analyse `body` (a DocumentIn). Returns ("stored" | "duplicate", analysis);
    raises ApiError 422 for an article that cannot be used."""
    from newsgraph.analyze import analyze_document
    from newsgraph.web.app import ApiError

    published = None
    if body.published:
        published, _precision = normalize_published(body.published)
        if published is None:
            raise ApiError(422, "invalid_request", f"published: not an ISO 8601 date: "
                           f"{body.published!r}")  # fmt: skip
    options = IngestOptions(published=published, outlet=body.outlet, url=body.url,
                            allow_private=allow_private)  # fmt: skip
    hints = Hints(url=body.url, title=body.title, published=published, outlet=body.outlet)
    try:
        if body.text or body.html:
            content = body.text or body.html
            digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
            payload = Payload(content, is_html=bool(body.html))
            raw = RawInput(f"api:{digest}", "html" if body.html else "text", lambda: payload,
                           fingerprint=digest, hints=hints)  # fmt: skip
        else:
            raw = url_input(body.url, options)
            raw.hints = hints
            loaded = raw.load()
            if isinstance(loaded, Expansion):
                raise ApiError(422, "rejected", "the URL is a feed: post its articles one by one")
            payload = loaded
            raw = RawInput(raw.source, raw.kind, lambda: payload, fingerprint=raw.source,
                           hints=hints)  # fmt: skip
        document = build_document(raw, payload, options)
    except Rejected as error:
        raise ApiError(422, "rejected", str(error)) from None
    analysis = analyze_document(document)
    run_id = store.begin_run("api", [raw.source])
    status = store.save_document(document, raw.fingerprint, run_id, analysis)
    store.finish_run(run_id, "done", {"stored": int(status == "stored"),
                                      "duplicates": int(status == "duplicate")})  # fmt: skip
    if status == "duplicate":
        analysis = store.get_analysis(document.id) or analysis
    return status, analysis
