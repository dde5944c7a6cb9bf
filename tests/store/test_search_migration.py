"""Migration 0006: full-text search kept in step with documents by triggers."""

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


def test_documents_fts_follows_inserts(store):
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


def test_every_unapplied_migration_is_applied(store):
    versions = {r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")}
    assert {1, 2, 3, 4, 6} <= versions
