"""The web UI's HTML pages, rendered from the same query functions as the JSON API."""

# (no __future__ annotations: FastAPI resolves these route signatures at run time)

from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from newsgraph import query
from newsgraph.crossdoc.framings import collect_framings
from newsgraph.export.common import claimant, figure
from newsgraph.records import Analysis
from newsgraph.store import Store
from newsgraph.web.basemap import land_cells
from newsgraph.web.highlight import KINDS, analysis_marks, event_marks, highlight_html

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
PAGE_SIZE = 50


def add_pages(app: FastAPI, get_store: Any, require_read: Any) -> None:
    read = [Depends(require_read)]
    StoreDep = Annotated[Store, Depends(get_store)]

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, {"kinds": KINDS, **context})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def index(request: Request) -> HTMLResponse:
        return page(request, "index.html", title="Events")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The OpenAPI description (/openapi.json) as a page, with no script from elsewhere."""
        spec = app.openapi()
        operations = [
            {"method": method.upper(), "path": path, **operation}
            for path, methods in spec["paths"].items()
            for method, operation in methods.items()
        ]
        return page(request, "api_docs.html", title="API", spec=spec, operations=operations)

    @app.get("/ui/basemap.json", include_in_schema=False)
    def basemap() -> JSONResponse:
        return JSONResponse(land_cells(), headers={"Cache-Control": "max-age=86400"})

    @app.get("/ui/events/{event_id}", response_class=HTMLResponse, include_in_schema=False,
             dependencies=read)  # fmt: skip
    def event_page(request: Request, event_id: str, store: StoreDep) -> Any:
        view = query.get_event(store, event_id)
        if view is None:
            return page(request, "missing.html", title="Not found",
                        message=f"No event {event_id!r}.")  # fmt: skip
        analysis, event = view.analysis, view.event
        counts = [
            {"count": c, "figure": figure(c), "claimant": claimant(view, c)} for c in view.counts
        ]
        others = query.list_events(
            store, query.EventFilter(document_id=analysis.document.id), limit=200
        )
        return page(
            request, "event.html", title=f"{event.type} — {analysis.document.title or ''}",
            view=view, event=event, document=analysis.document, counts=counts,
            quotes=[(q, view.entity_name(q.speaker_entity_id)) for q in view.quotes],
            actors=[(a, view.entity_name(a.entity_id)) for a in event.actors],
            text_html=highlight_html(analysis.document.text, event_marks(analysis, event)),
            others=[o for o in others if o["event_id"] != event.id],
            cluster_id=query.cluster_of_event(store, analysis.document.id, event.id),
        )  # fmt: skip

    @app.get("/ui/documents", response_class=HTMLResponse, include_in_schema=False,
             dependencies=read)  # fmt: skip
    def documents_page(
        request: Request, store: StoreDep, q: str = Query("", max_length=500),
        offset: int = Query(0, ge=0),
    ) -> Any:  # fmt: skip
        if q.strip():
            rows = query.search_documents(store, q, PAGE_SIZE, offset, marks=("\x02", "\x03"))
            for row in rows:  # hits between control characters: escape first, then bold them
                row["snippet_html"] = (
                    escape(row["snippet"] or "").replace("\x02", "<b>").replace("\x03", "</b>")
                )
        else:
            rows = query.list_document_summaries(store, PAGE_SIZE, offset)
        return page(request, "documents.html", title="Articles", rows=rows, q=q, offset=offset,
                    page_size=PAGE_SIZE, total=store.count_documents())  # fmt: skip

    @app.get("/ui/documents/{document_id}", response_class=HTMLResponse,
             include_in_schema=False, dependencies=read)  # fmt: skip
    def document_page(request: Request, document_id: str, store: StoreDep) -> Any:
        document = store.get_document(document_id)
        if document is None:
            return page(request, "missing.html", title="Not found",
                        message=f"No article {document_id!r}.")  # fmt: skip
        analysis = query.get_analysis(store, document.id)
        names = {e.id: e.name for e in analysis.entities}
        by_speaker: dict[str, list[Any]] = defaultdict(list)
        for quote in analysis.quotes:
            by_speaker[names.get(quote.speaker_entity_id or "", "Unknown speaker")].append(quote)
        events = query.list_events(store, query.EventFilter(document_id=document.id), limit=500)
        return page(
            request, "document.html", title=document.title or document.id, document=document,
            analysis=analysis, text_html=highlight_html(document.text, analysis_marks(analysis)),
            by_speaker=sorted(by_speaker.items(), key=lambda kv: -len(kv[1])), events=events,
            claims=_claims_side_by_side(query.list_claims(store, document.id, limit=500)),
        )  # fmt: skip

    @app.get("/ui/claims", response_class=HTMLResponse, include_in_schema=False,
             dependencies=read)  # fmt: skip
    def claims_page(request: Request, store: StoreDep, document_id: str | None = None,
                    offset: int = Query(0, ge=0)) -> Any:  # fmt: skip
        claims = query.list_claims(store, document_id, limit=PAGE_SIZE, offset=offset)
        analysis = query.get_analysis(store, document_id) if document_id else None
        return page(request, "claims.html", title="Claims", groups=_claims_side_by_side(claims),
                    document_id=document_id, offset=offset, page_size=PAGE_SIZE,
                    count=len(claims), framings=_framings_by_target(analysis))  # fmt: skip

    @app.get("/ui/clusters/{cluster_id}", response_class=HTMLResponse, include_in_schema=False,
             dependencies=read)  # fmt: skip
    def cluster_page(request: Request, cluster_id: str, store: StoreDep) -> Any:
        if not query.clusters_available(store):
            return page(request, "missing.html", title="No clusters",
                        message="This database has no event clusters yet: the cross-document "
                        "stage has not been run on it.")  # fmt: skip
        cluster = query.get_cluster(store, cluster_id)
        if cluster is None:
            return page(request, "missing.html", title="Not found",
                        message=f"No cluster {cluster_id!r}.")  # fmt: skip
        values: dict[str, list[dict]] = defaultdict(list)
        for value in cluster["values"]:
            values[value["count_type"]].append(value)
        return page(request, "cluster.html", title=f"Cluster {cluster_id}", cluster=cluster,
                    values=sorted(values.items()))  # fmt: skip


def _claims_side_by_side(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims' figures grouped by what they count (type and object) so that competing figures
    from different claimants stand in one row."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        who = claim.get("claimant_text") or f"{claim.get('claimant_kind', 'unknown')} source"
        for count in claim.get("counts", []):
            groups[(count["type"], claim["document_id"])].append(
                {"claimant": who, "cue": claim.get("cue"), "stance": claim.get("stance"),
                 "count": count, "document_id": claim["document_id"],
                 "title": claim.get("title"), "outlet": claim.get("outlet")}
            )  # fmt: skip
    rows = []
    for (count_type, document_id), items in groups.items():
        values = {(i["count"]["low"], i["count"]["high"]) for i in items}
        rows.append({"type": count_type, "document_id": document_id, "items": items,
                     "title": items[0]["title"], "conflict": len(values) > 1})  # fmt: skip
    return sorted(rows, key=lambda r: (not r["conflict"], r["type"]))


def _framings_by_target(analysis: Analysis | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """The document's framings (crossdoc/framings.py) grouped by the actor they label, so that
    each side's labels for one actor stand side by side; the most labelled actor first."""
    if analysis is None or analysis.skipped:
        return []
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for framing in collect_framings(analysis):
        groups[framing.target or "unknown actor"].append(
            {"speaker": framing.speaker or framing.speaker_group or "unknown speaker",
             "label": framing.label, "negated": framing.negated, "kind": framing.kind}
        )  # fmt: skip
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
