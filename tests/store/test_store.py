import sqlite3

import pytest

from newsgraph.records import Dateline, Document, QualityFlag
from newsgraph.store import open_store
from newsgraph.store.base import load_migrations


def make_document(text="Protesters marched in Lima on Monday.", source="a.txt"):
    return Document(
        text=text, source=source, source_kind="text", title="March", authors=["A. Writer"],
        published="2024-06-24", published_precision="day", language="en",
        dateline=Dateline("LIMA", "Lima", span=(0, 4)),
        quality_flags=[QualityFlag("boilerplate_line", "Listen Live")],
    )  # fmt: skip


def test_migrations_are_numbered_from_one_without_gaps():
    versions = [m.version for m in load_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_open_store_migrates_once_and_uses_wal(tmp_path):
    path = tmp_path / "n.db"
    with open_store(path) as store:
        assert store.schema_version() == len(load_migrations())
    with open_store(path) as store:  # re-opening applies nothing twice
        assert store.schema_version() == len(load_migrations())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(
        load_migrations()
    )


def test_save_document_round_trips_every_field(store):
    run = store.begin_run("ingest", ["a.txt"])
    document = make_document()
    assert store.save_document(document, "fp1", run) == "stored"
    assert store.get_document(document.id) == document
    assert store.get_document(document.id[:6]) == document


def test_same_text_twice_is_stored_once(store):
    run = store.begin_run("ingest", [])
    assert store.save_document(make_document(source="a.txt"), "fp", run) == "stored"
    assert store.save_document(make_document(source="copy.txt"), "fp", run) == "duplicate"
    assert store.count_documents() == 1
    assert store.source_done("copy.txt", "fp") and store.source_done("a.txt", "fp")
    assert not store.source_done("a.txt", "changed-fingerprint")


def test_ambiguous_prefix_finds_nothing(store):
    run = store.begin_run("ingest", [])
    for n in range(40):
        store.save_document(make_document(text=f"Story number {n}.", source=f"{n}.txt"), "", run)
    assert store.get_document("") is None
    assert store.get_document("zzzz") is None


def test_failed_write_leaves_nothing_behind(store):
    run = store.begin_run("ingest", [])
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute(
            "INSERT INTO documents (id, text, source, source_kind, ingested_at)"
            " VALUES ('x', 't', 's', 'text', 'now')"
        )
        raise RuntimeError("crash in the middle of a document")
    assert store.count_documents() == 0
    assert store.save_document(make_document(), "", run) == "stored"


def test_errors_and_runs_are_recorded(store):
    run = store.begin_run("ingest", ["x"])
    store.record_error(run, "bad.bin", "ingest", "E004", "E004 binary content")
    store.finish_run(run, "done", {"stored": 2, "failed": 1})
    [error] = store.list_errors(run)
    assert (error.source, error.code) == ("bad.bin", "E004")
    [record] = store.list_runs()
    assert (record.status, record.stored, record.failed) == ("done", 2, 1)


def test_analysis_round_trips_and_fills_the_query_tables(store):
    from newsgraph.records import (
        Analysis,
        Count,
        Entity,
        Event,
        EventActor,
        Mention,
        Place,
        TimeExpr,
    )

    document = make_document()
    analysis = Analysis(
        document=document,
        entities=[Entity("e1", "protesters", "group", ["m1"], sector="CVL", country="PER")],
        mentions=[Mention("m1", (0, 10), "Protesters", "e1", "group")],
        places=[Place("p1", (24, 28), "Lima", name="Lima", geonames_id=3936456, lat=-12.04,
                      lon=-77.03, country="PE", precision="city", confidence=0.9)],
        focus_place_id="p1",
        times=[TimeExpr("t1", (32, 38), "Monday", "DATE", "2024-06-24", "day", "publication")],
        counts=[Count("c1", (0, 10), "Protesters", "crowd", 100, None, "at_least",
                      object_span=(0, 10))],
        events=[Event("ev1", "PROTEST", "demo", "marched", (11, 18), (0, 40), cameo="141",
                      quad_class=3, actors=[EventActor("source", "Protesters", (0, 10), "e1")],
                      place_id="p1", time_id="t1", count_ids=["c1"], other_spans=[(50, 55)])],
    )  # fmt: skip
    run = store.begin_run("ingest", [])
    assert store.save_document(document, "", run, analysis) == "stored"
    assert store.get_analysis(document.id) == analysis
    rows = {
        table: store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("entities", "mentions", "places", "times", "counts", "events", "event_actors")
    }
    assert rows == dict.fromkeys(rows, 1)
    assert store.ids_to_analyze() == []
    store.save_analysis(analysis)  # replacing keeps one row each
    assert store.conn.execute("SELECT COUNT(*) FROM counts").fetchone()[0] == 1
