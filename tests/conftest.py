"""Shared fixtures. Tests that need ../shared (benchmarks, the running example) skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.store import open_store

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


@pytest.fixture
def store(tmp_path: Path):
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


@pytest.fixture(scope="session")
def news_db(tmp_path_factory) -> Path:
    """A small database of two analysed articles (tests/helpers/newsdb.py), built once."""
    from helpers.newsdb import build_news_db

    return build_news_db(tmp_path_factory.mktemp("news") / "news.db")
