"""The web UI and HTTP API (FastAPI): `create_app(db)` builds the app; `serve(db)` runs it."""

from __future__ import annotations

from pathlib import Path


def create_app(db: str | Path | None = None, **settings):  # noqa: ANN003, ANN201
    """The FastAPI app over the store at `db` (see newsgraph.web.app.create_app)."""
    from newsgraph.web.app import create_app as build

    return build(db, **settings)


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the UI and the API with uvicorn until interrupted."""
    import uvicorn

    print(f"newsgraph: serving http://{host}:{port}/ (API docs at /docs; Ctrl-C stops)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


__all__ = ["create_app", "serve"]
