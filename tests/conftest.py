"""Shared fixtures. Tests that need ../shared (benchmarks, the running example) skip without it;
the PostgreSQL half of the store tests skips without a server (NEWSGRAPH_TEST_POSTGRES)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsgraph.store import open_store

# A server where the tests may create schemas: postgresql://user@host:port/dbname. .ci/run
# starts one on loopback and sets this; the store, query, export and API tests then run
# against both backends.
POSTGRES_SERVER = os.environ.get("NEWSGRAPH_TEST_POSTGRES", "")
BACKENDS = ("sqlite", "postgresql")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "kazakhstan-unrest-2022.txt"


def require_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when a ../shared file is absent."""
    if not path.exists():
        pytest.skip(f"needs {path} (the workspace's shared/ folder beside the repository)")
    return path


def eval_data(name: str) -> Path:
    """The dataset folder ../shared/eval/<name>; skips the calling test when it is absent."""
    return require_shared(SHARED / "eval" / name)


@pytest.fixture
def example_path() -> Path:
    return require_shared(EXAMPLE)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a new, empty schema of the test server, dropped afterwards."""
    if not POSTGRES_SERVER:
        pytest.skip("needs a PostgreSQL server: NEWSGRAPH_TEST_POSTGRES=postgresql://… "
                    "(.ci/run starts one)")  # fmt: skip
    from newsgraph.store.postgres import temporary_schema

    with temporary_schema(POSTGRES_SERVER, "test") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend: a SQLite path, a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
def store(db_url: str):
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path):
    """For what only SQLite has (its FTS5 table, its migration files, WAL)."""
    with open_store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


@pytest.fixture(scope="session")
def syndicated_analyses():
    """Analyses of the syndicated story of tests/helpers/syndicated.py, made once per session
    (the spaCy pipeline is slow to load)."""
    from helpers.syndicated import syndicated_documents

    from newsgraph.analyze import analyze_documents

    return list(analyze_documents(syndicated_documents()))


@pytest.fixture(scope="session", params=BACKENDS)
def news_db(request, tmp_path_factory) -> Iterator[str]:
    """A small database of two analysed articles (tests/helpers/newsdb.py), built once per
    backend: a SQLite path or a PostgreSQL URL."""
    from helpers.newsdb import build_news_db

    folder = tmp_path_factory.mktemp("news")
    if request.param == "sqlite":
        yield str(build_news_db(str(folder / "news.db"), folder))
    else:
        with postgres_schema() as url:
            yield build_news_db(url, folder)


@pytest.fixture(scope="session")
def news_sqlite_db(tmp_path_factory) -> str:
    """The same database in SQLite only (the browser tests: one backend is enough there)."""
    from helpers.newsdb import build_news_db

    folder = tmp_path_factory.mktemp("news-sqlite")
    return build_news_db(str(folder / "news.db"), folder)
