"""Migration 0007: document tone and themes stored, queryable, and the query filters on them."""

import json

import pytest

from newsgraph import query
from newsgraph.store import open_store

ALMATY_TITLE = "Police detain protesters in Almaty as fuel price anger spreads"


@pytest.fixture
def news_store(news_db):
    with open_store(news_db) as store:
        yield store


def test_tone_and_themes_rows_match_the_analysis(news_store):
    for document in news_store.list_documents():
        analysis = news_store.get_analysis(document.id)
        row = news_store.conn.execute(
            "SELECT * FROM document_tone WHERE document_id = ?", (document.id,)
        ).fetchone()
        assert row["tone"] == analysis.tone.tone < 0
        assert row["word_count"] == analysis.tone.word_count
        themes = {
            r["theme"]: json.loads(r["spans"])
            for r in news_store.conn.execute(
                "SELECT theme, spans FROM document_themes WHERE document_id = ?", (document.id,)
            )
        }
        assert themes == {t.theme: [list(s) for s in t.spans] for t in analysis.themes}
        actors = news_store.conn.execute(
            "SELECT COUNT(*) FROM actor_tones WHERE document_id = ?", (document.id,)
        ).fetchone()[0]
        assert actors == len(analysis.actor_tones) > 0


def test_document_summaries_filter_by_theme_and_tone(news_store):
    everything = query.list_document_summaries(news_store)
    assert all(row["tone"] is not None and row["themes"] for row in everything)
    killed = query.list_document_summaries(news_store, theme="kill")  # any case
    assert [row["title"] for row in killed] == [ALMATY_TITLE]
    assert query.count_document_summaries(news_store, theme="KILL") == 1
    tones = sorted(row["tone"] for row in everything)
    milder = query.list_document_summaries(news_store, tone_min=tones[-1])
    assert [row["tone"] for row in milder] == [tones[-1]]
    assert query.count_document_summaries(news_store, tone_max=tones[0] - 0.001) == 0


def test_event_filter_by_theme_and_tone(news_store):
    all_events = query.list_events(news_store, query.EventFilter(), limit=None)
    killed = query.list_events(news_store, query.EventFilter(theme="KILL"), limit=None)
    assert killed and {row["title"] for row in killed} == {ALMATY_TITLE}
    assert len(killed) < len(all_events)
    none = query.EventFilter(tone_min=50)
    assert query.count_events(news_store, none) == 0 and not none.is_empty
    with pytest.raises(query.QueryError, match="tone_min"):
        query.count_events(news_store, query.EventFilter(tone_min=5, tone_max=-5))
