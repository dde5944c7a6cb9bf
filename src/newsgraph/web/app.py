"""The HTTP API (FastAPI; OpenAPI at /docs) and the web UI's pages, over the same query functions.

Configuration (the operator's): `NEWSGRAPH_API_TOKEN` enables writes (POST /documents) for
requests carrying it as `Authorization: Bearer TOKEN`; without it writes are refused.
`NEWSGRAPH_API_READ_TOKEN=1` requires the token for reads too (header, or the
`newsgraph_token` cookie that `/login?token=` sets for a browser). Bodies over
`NEWSGRAPH_API_MAX_BODY` bytes (default 5 MiB) are refused before they are read.

Every error is JSON: {"error": {"status": 404, "code": "not_found", "message": "..."}}.
"""

# No `from __future__ import annotations`: FastAPI reads the dependency annotations of the
# routes defined inside create_app at run time.
import hmac
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import query
from newsgraph.query import EventFilter, QueryError
from newsgraph.store import Store, open_store

DEFAULT_MAX_BODY = 5 * 1024 * 1024
STATIC = Path(__file__).parent / "static"
TONE_HELP = "the article's GDELT tone, -100..100 (negative: hostile coverage)"
THEME_HELP = "a theme of the article: PROTEST, KILL, ARREST ... (ontology/data/themes.tsv)"


class ApiError(Exception):
    """An error with its HTTP status, a short code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body = {"error": {"status": status, "code": code, "message": message, **extra}}
    return JSONResponse(body, status_code=status)


class BodyLimit:
    """ASGI middleware: refuse a body over `limit` bytes (413) before the app reads it — at
    once from Content-Length, else while it streams in."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        too_large = error_response(
            413, "body_too_large", f"the request body is over {self.limit} bytes"
        )
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0 or size > self.limit:
                await too_large(scope, receive, send)
                return
        received = 0

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                message = f"the request body is over {self.limit} bytes"
                raise ApiError(413, "body_too_large", message)
            return message

        await self.app(scope, limited_receive, send)


class DocumentIn(BaseModel):
    """One article to store and analyse: exactly one of text, html or url."""

    text: str | None = Field(None, description="plain text of the article")
    html: str | None = Field(None, description="the article's HTML page")
    url: str | None = Field(None, description="a URL to fetch (or the URL of text/html given)")
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date, e.g. 2022-01-07")
    outlet: str | None = None

    @model_validator(mode="after")
    def one_content(self) -> "DocumentIn":
        if not (self.text or self.html or self.url):
            raise ValueError("give one of text, html or url")
        if self.text and self.html:
            raise ValueError("give text or html, not both")
        return self


def create_app(
    db: str | Path | None = None,
    *,
    token: str | None = None,
    protect_reads: bool | None = None,
    max_body: int | None = None,
    allow_private_urls: bool = False,
) -> FastAPI:
    """The app serving the API and the UI for the store at `db`. Unset settings come from the
    environment (NEWSGRAPH_API_TOKEN, NEWSGRAPH_API_READ_TOKEN, NEWSGRAPH_API_MAX_BODY)."""
    token = (token if token is not None else os.environ.get("NEWSGRAPH_API_TOKEN")) or None
    if protect_reads is None:
        protect_reads = os.environ.get("NEWSGRAPH_API_READ_TOKEN", "") in ("1", "true", "yes")
    if max_body is None:
        max_body = int(os.environ.get("NEWSGRAPH_API_MAX_BODY", DEFAULT_MAX_BODY))
    db_path = str(db) if db is not None else None
    open_store(db_path).close()  # create and migrate once, before serving

    app = FastAPI(
        title="newsgraph",
        description="Events, actors, places, dates, counts, quotations and claims from news, "
        "each with the words that support it.",
        version="0.1.0",
        docs_url=None,  # FastAPI's Swagger page loads its scripts from a CDN: ours is local
        redoc_url=None,
    )
    app.state.db = db_path

    def get_store() -> Iterator[Store]:
        store = open_store(db_path)
        try:
            yield store
        finally:
            store.close()

    def presented_token(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return request.cookies.get("newsgraph_token")

    def valid(given: str | None) -> bool:
        return bool(token and given and hmac.compare_digest(given.encode(), token.encode()))

    def require_read(request: Request) -> None:
        if protect_reads and not valid(presented_token(request)):
            raise ApiError(401, "unauthorized", "reads need the API token (Authorization: Bearer)")

    def require_write(request: Request) -> None:
        if token is None:
            message = "writes are disabled: the operator sets NEWSGRAPH_API_TOKEN"
            raise ApiError(403, "writes_disabled", message)
        if not valid(presented_token(request)):
            raise ApiError(401, "unauthorized", "writes need the API token (Authorization: Bearer)")

    StoreDep = Annotated[Store, Depends(get_store)]
    read = [Depends(require_read)]

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message)

    @app.exception_handler(QueryError)
    async def query_error(_request: Request, error: QueryError) -> JSONResponse:
        return error_response(400, "bad_filter", str(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in error.errors()
        ]
        first = problems[0] if problems else {"where": "", "problem": "invalid request"}
        message = f"{first['where']}: {first['problem']}".strip(": ")
        return error_response(422, "invalid_request", message, details=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return error_response(error.status_code, code, str(error.detail))

    def event_filter(
        since: str | None = Query(None, description="first day, YYYY-MM-DD"),
        until: str | None = Query(None, description="last day, YYYY-MM-DD"),
        type: Annotated[list[str], Query(description="PLOVER type(s): PROTEST ...")] = [],  # noqa: A002, B006
        country: str | None = Query(None, description="ISO code of the event's place"),
        actor: str | None = Query(None, description="words of an actor's name"),
        outlet: str | None = None,
        modality: Annotated[list[str], Query(description="asserted, reported ...")] = [],  # noqa: B006
        q: str | None = Query(None, description="full-text search over the articles"),
        document_id: str | None = None,
        tone_min: float | None = Query(None, ge=-100, le=100, description=TONE_HELP),
        tone_max: float | None = Query(None, ge=-100, le=100, description=TONE_HELP),
        theme: str | None = Query(None, description=THEME_HELP),
    ) -> EventFilter:
        types = [t for value in type for t in value.split(",") if t]
        modalities = [m for value in modality for m in value.split(",") if m]
        return EventFilter(since=since or None, until=until or None, types=types,
                           country=country or None, actor=actor or None, outlet=outlet or None,
                           modalities=modalities, q=q or None,
                           document_id=document_id or None, tone_min=tone_min,
                           tone_max=tone_max, theme=theme or None).validate()  # fmt: skip

    Filters = Annotated[EventFilter, Depends(event_filter)]

    @app.get("/events", dependencies=read, tags=["events"])
    def get_events(
        request: Request, store: StoreDep, filters: Filters,
        limit: int = Query(50, ge=1, le=5000), offset: int = Query(0, ge=0),
        format: Literal["json", "geojson"] = "json",  # noqa: A002
    ) -> Any:  # fmt: skip
        """Events matching the filters, newest first; `format=geojson` gives a
        FeatureCollection of those with coordinates."""
        if format == "geojson":
            filters.geo_only = True
            rows = query.list_events(store, filters, limit, offset)
            return {"type": "FeatureCollection", "features": [_feature(r) for r in rows]}
        total = query.count_events(store, filters)
        rows = query.list_events(store, filters, limit, offset)
        following = None
        if offset + limit < total:
            following = str(request.url.include_query_params(offset=offset + limit))
        return {"total": total, "limit": limit, "offset": offset, "next": following,
                "events": rows}  # fmt: skip

    @app.get("/events/timeline", dependencies=read, tags=["events"])
    def get_timeline(store: StoreDep, filters: Filters) -> Any:
        """Event counts by day and PLOVER type."""
        return {"days": query.event_timeline(store, filters)}

    @app.get("/events/{event_id}", dependencies=read, tags=["events"])
    def get_event(event_id: str, store: StoreDep) -> Any:
        """One event with its place, time, figures (and who claims them), quotes and claim."""
        view = query.get_event(store, event_id)
        if view is None:
            raise ApiError(404, "not_found", f"no event {event_id!r}")
        return event_json(store, view)

    @app.get("/facets", dependencies=read, tags=["events"])
    def get_facets(store: StoreDep) -> Any:
        """The values the filters offer (types, modalities, countries, outlets) with counts."""
        return query.facet_values(store)

    @app.get("/documents", dependencies=read, tags=["documents"])
    def get_documents(
        store: StoreDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
        tone_min: float | None = Query(None, ge=-100, le=100, description=TONE_HELP),
        tone_max: float | None = Query(None, ge=-100, le=100, description=TONE_HELP),
        theme: str | None = Query(None, description=THEME_HELP),
    ) -> Any:  # fmt: skip
        """Stored articles, newest first, with their event counts, tone and themes."""
        selected = {"tone_min": tone_min, "tone_max": tone_max, "theme": theme or None}
        rows = query.list_document_summaries(store, limit, offset, **selected)
        return {"total": query.count_document_summaries(store, **selected), "limit": limit,
                "offset": offset, "documents": rows}  # fmt: skip

    @app.get("/documents/{document_id}", dependencies=read, tags=["documents"])
    def get_document(document_id: str, store: StoreDep) -> Any:
        """The article and every record of its analysis (the JSON schema of `newsgraph show`)."""
        document = store.get_document(document_id)
        if document is None:
            raise ApiError(404, "not_found", f"no document {document_id!r}")
        analysis = store.get_analysis(document.id)
        return analysis.to_dict() if analysis else document.to_dict()

    @app.post("/documents", dependencies=[Depends(require_write)], tags=["documents"],
              status_code=201)  # fmt: skip
    def post_document(body: DocumentIn, store: StoreDep) -> Any:
        """Store and analyse one article (text, html or url); returns its analysis."""
        from newsgraph.web.submit import submit_document

        status, analysis = submit_document(store, body, allow_private=allow_private_urls)
        return {"status": status, "analysis": analysis.to_dict()}

    @app.get("/search", dependencies=read, tags=["documents"])
    def get_search(
        store: StoreDep, q: str = Query(..., min_length=1, max_length=500),
        limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0),
    ) -> Any:  # fmt: skip
        """Articles containing every word of `q` (SQLite FTS5), best first."""
        return {"q": q, "documents": query.search_documents(store, q, limit, offset)}

    @app.get("/entities", dependencies=read, tags=["records"])
    def get_entities(
        store: StoreDep, name: str | None = None, kind: str | None = None,
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
    ) -> Any:  # fmt: skip
        """Actors across articles, grouped by name and kind."""
        return {"entities": query.list_entities(store, name, kind, limit, offset)}

    @app.get("/quotes", dependencies=read, tags=["records"])
    def get_quotes(
        store: StoreDep, document_id: str | None = None, speaker: str | None = None,
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
    ) -> Any:  # fmt: skip
        """Quotations with their speakers."""
        return {"quotes": query.list_quotes(store, document_id, speaker, limit, offset)}

    @app.get("/claims", dependencies=read, tags=["records"])
    def get_claims(
        store: StoreDep, document_id: str | None = None,
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
    ) -> Any:  # fmt: skip
        """Attributed claims with the figures they report."""
        return {"claims": query.list_claims(store, document_id, limit, offset)}

    @app.get("/clusters", dependencies=read, tags=["clusters"])
    def get_clusters(
        store: StoreDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
    ) -> Any:
        """Cross-document event clusters (empty until `newsgraph cluster` has run)."""
        return {"available": query.clusters_available(store),
                "clusters": query.list_clusters(store, limit, offset)}  # fmt: skip

    @app.get("/clusters/{cluster_id}", dependencies=read, tags=["clusters"])
    def get_cluster(cluster_id: str, store: StoreDep) -> Any:
        """One event cluster: its member reports and every source's figures side by side."""
        if not query.clusters_available(store):
            raise ApiError(
                404,
                "clusters_unavailable",
                "this database has no event clusters (run the crossdoc stage)",
            )
        cluster = query.get_cluster(store, cluster_id)
        if cluster is None:
            raise ApiError(404, "not_found", f"no cluster {cluster_id!r}")
        return cluster  # fmt: skip

    @app.get("/login", include_in_schema=False)
    def login(token_value: str = Query(..., alias="token")) -> Any:
        if not valid(token_value):
            raise ApiError(401, "unauthorized", "wrong token")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie("newsgraph_token", token_value, httponly=True, samesite="strict")
        return response

    from newsgraph.web.pages import add_pages

    add_pages(app, get_store, require_read)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": properties,
    }


def event_json(store: Store, view: query.EventView) -> dict[str, Any]:
    """An event for the API: the record, its resolved references and the article's summary."""
    from dataclasses import asdict

    from newsgraph.export.common import claimant, figure

    document = view.analysis.document
    place, time_expr, claim = view.place, view.time, view.claim
    return {
        "id": view.id,
        "event": asdict(view.event),
        "date": view.date,
        "place": asdict(place) if place else None,
        "time": asdict(time_expr) if time_expr else None,
        "counts": [
            {**asdict(c), "figure": figure(c), "claimant": claimant(view, c)} for c in view.counts
        ],
        "quotes": [
            {**asdict(q), "speaker": view.entity_name(q.speaker_entity_id)} for q in view.quotes
        ],
        "claim": asdict(claim) if claim else None,
        "actors": [
            {**asdict(a), "entity_name": view.entity_name(a.entity_id)} for a in view.event.actors
        ],
        "document": {"id": document.id, "title": document.title, "outlet": document.outlet,
                     "url": document.url, "published": document.published},
        "cluster_id": query.cluster_of_event(store, document.id, view.event.id),
    }  # fmt: skip
