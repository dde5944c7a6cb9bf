"""Several ingest processes writing to one database at once (issue 9): nothing is lost, no
document is stored twice, every document keeps its analysis and is clustered once."""

import subprocess
import sys

import pytest
from helpers.pages import ARTICLE_TEXT

from newsgraph.store import open_store

PROCESSES = 3
SHARED_ARTICLES = 6  # every process ingests these; one of them stores each


def start_ingest(folders, db):
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", *map(str, folders), "--db", db,
               "--no-progress"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def count(store, sql):
    return store.conn.execute(sql).fetchone()[0]


@pytest.mark.slow
def test_concurrent_ingests_lose_nothing_and_store_nothing_twice(db_url, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    for n in range(SHARED_ARTICLES):
        (shared / f"{n}.txt").write_text(f"{ARTICLE_TEXT} Update number {n}.")
    own = []
    for p in range(PROCESSES):  # one article only this process has, and a copy of a shared one
        folder = tmp_path / f"own{p}"
        folder.mkdir()
        (folder / "own.txt").write_text(f"{ARTICLE_TEXT} Written for process {p}.")
        (folder / "copy.txt").write_text(f"{ARTICLE_TEXT} Update number 0.")
        own.append(folder)
    processes = [start_ingest([shared, folder], db_url) for folder in own]
    for process in processes:
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()

    with open_store(db_url) as store:
        documents = store.list_documents(limit=1000)
        assert len(documents) == SHARED_ARTICLES + PROCESSES
        assert len({d.id for d in documents}) == len(documents)
        assert count(store, "SELECT COUNT(*) FROM sources") == PROCESSES * 2 + SHARED_ARTICLES
        assert count(store, "SELECT COUNT(*) FROM sources WHERE status = 'stored'") == len(
            documents
        )
        assert store.ids_to_analyze() == []  # the writer that stored a text stored its analysis
        assert count(store, "SELECT COUNT(*) FROM analyses") == len(documents)
        assert store.list_errors() == []
        assert [r.status for r in store.list_runs()] == ["done"] * PROCESSES
        assert store.ids_to_cluster() == []  # clustered, one process after the other
        assert count(store, "SELECT COUNT(*) FROM document_groups") == len(documents)
