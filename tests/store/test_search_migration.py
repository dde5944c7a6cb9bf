"""Migration 0006: full-text search kept in step with documents by triggers (SQLite; a text
search index in PostgreSQL)."""

from newsgraph.query import search_documents
from newsgraph.records import Document
from newsgraph.store.sqlite import split_statements


def test_split_statements_keeps_a_trigger_whole():
    sql = (
        "CREATE TABLE a (x); -- a comment; with a semicolon\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO a VALUES (1);\n"
        "  INSERT INTO a VALUES (2);\nEND;\n"
    )
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END")


def test_documents_fts_follows_inserts(sqlite_store):
    store = sqlite_store
    run = store.begin_run("test", [])
    doc = Document(text="Protesters marched in Almaty against fuel prices.", source="a",
                   source_kind="text", title="Almaty march")  # fmt: skip
    store.save_document(doc, "fp", run)
    rows = store.conn.execute(
        "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " WHERE documents_fts MATCH ?",
        ('"fuel" "almaty"',),
    ).fetchall()
    assert [r[0] for r in rows] == [doc.id]


def test_every_unapplied_migration_is_applied(sqlite_store):
    versions = {r[0] for r in sqlite_store.conn.execute("SELECT version FROM schema_migrations")}
    assert {1, 2, 3, 4, 6} <= versions


def test_search_finds_every_word_in_title_or_text_with_a_snippet(store):
    run = store.begin_run("test", [])
    march = Document(text="Protesters marched in Almaty against fuel prices.", source="a",
                     source_kind="text", title="Steppe march")  # fmt: skip
    other = Document(text="Fuel prices fell in Lima.", source="b", source_kind="text")
    for doc in (march, other):
        store.save_document(doc, "fp", run)
    [found] = search_documents(store, "FUEL steppe")  # any case, title words count
    assert found["id"] == march.id
    assert "[fuel]" in found["snippet"].lower()
    assert {d["id"] for d in search_documents(store, "fuel prices")} == {march.id, other.id}
    assert search_documents(store, "Nairobi") == []
