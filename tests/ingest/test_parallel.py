"""`ingest --workers N`: the bounded pool, the same results as one worker, Ctrl-C and resume."""

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.pages import ARTICLE_TEXT
from helpers.sqlite_db import count_documents

from newsgraph.analyze import analyze_document
from newsgraph.ingest.core import ingest_sources
from newsgraph.ingest.parallel import BoundedPool
from newsgraph.store import open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def test_bounded_pool_never_holds_more_than_its_window_and_keeps_order():
    pulled, returned, most_held = 0, 0, 0

    def items():
        nonlocal pulled
        for n in range(40):
            pulled += 1
            yield n, (-n if n % 5 else None)  # None: not sent to a worker, keeps its place

    with BoundedPool(abs, workers=2, max_in_flight=3) as pool:
        results = []
        for context, result in pool.imap(items()):
            most_held = max(most_held, pulled - returned)
            returned += 1
            results.append((context, result))
    assert most_held <= 3
    assert results == [(n, n if n % 5 else None) for n in range(40)]


def test_bounded_pool_rejects_no_workers():
    with pytest.raises(ValueError, match="at least 1"):
        BoundedPool(abs, workers=0)


def stored_records(db):
    """Everything an ingest stored that does not depend on timing: documents, sources,
    analyses."""
    with open_store(db) as store:
        ids = sorted(d.id for d in store.list_documents(limit=10_000))
        analyses = {i: store.get_analysis(i).to_dict() for i in ids}
    with sqlite3.connect(db) as conn:
        sources = sorted(conn.execute("SELECT source, document_id FROM sources").fetchall())
    return ids, analyses, sources


@pytest.mark.slow
def test_two_workers_store_what_one_worker_stores(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / "zz-copy.txt").write_text(first.read_text() + "\n\n")  # a duplicate
    (folder / "empty.txt").write_text("")  # a failure
    summaries = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            summary = ingest_sources([str(folder)], store, analyze=analyze_document,
                                     workers=workers)  # fmt: skip
        summaries[workers] = (summary.counts, sorted((f.source, f.code) for f in summary.failures))
    assert summaries[1] == summaries[2]
    assert summaries[1][0]["duplicates"] == 1 and summaries[1][0]["failed"] == 1
    assert stored_records(tmp_path / "w1.db") == stored_records(tmp_path / "w2.db")


def start_ingest(folder, db):
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db),
               "--no-progress", "--workers", "2"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_interrupted_parallel_ingest_stops_and_resumes(tmp_path):
    folder, db, n_files = tmp_path / "in", tmp_path / "n.db", 80
    folder.mkdir()
    for n in range(n_files):
        (folder / f"{n:04}.txt").write_text(f"{ARTICLE_TEXT} Update number {n}.")
    process = start_ingest(folder, db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and count_documents(db) < 5:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    code = process.wait(timeout=60)
    stored_before = count_documents(db)
    if stored_before >= n_files:
        pytest.skip("the batch finished before the signal arrived; nothing to test")
    assert code == 130
    assert b"interrupted" in process.stderr.read()
    rerun = start_ingest(folder, db)
    _out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert count_documents(db) == n_files
    assert f"skipped (done before) {stored_before}".encode() in err
