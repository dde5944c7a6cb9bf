"""Kill an ingest mid-batch, re-run it: nothing half-written, nothing lost."""

import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers.pages import ARTICLE_TEXT
from helpers.sqlite_db import count_documents

N_FILES = 400


def start_ingest(folder, db):
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db),
               "--no-progress"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_documents(db, process, at_least):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if count_documents(db) >= at_least:
            return
        time.sleep(0.02)


def write_articles(folder):
    folder.mkdir()
    for n in range(N_FILES):
        (folder / f"{n:04}.txt").write_text(f"{ARTICLE_TEXT} Update number {n}.")


def assert_consistent(db):
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "SELECT COUNT(*) FROM sources WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        unsourced = conn.execute(
            "SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT document_id FROM sources)"
        ).fetchone()[0]
    assert (orphans, unsourced) == (0, 0)


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_killed_ingest_resumes_without_loss(tmp_path, how):
    folder, db = tmp_path / "in", tmp_path / "n.db"
    write_articles(folder)
    process = start_ingest(folder, db)
    wait_for_documents(db, process, at_least=20)
    process.send_signal(how)
    code = process.wait(timeout=60)
    stored_before = count_documents(db)
    if stored_before >= N_FILES:
        pytest.skip("the batch finished before the signal arrived; nothing to test")
    assert code == (130 if how == signal.SIGINT else -signal.SIGKILL)
    if how == signal.SIGINT:
        assert b"interrupted" in process.stderr.read()
    assert_consistent(db)

    rerun = start_ingest(folder, db)
    _out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert count_documents(db) == N_FILES
    assert f"skipped (done before) {stored_before}".encode() in err
    assert_consistent(db)
