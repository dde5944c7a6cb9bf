"""query.py's pages on both backends: pages of a list are the list, in its order."""

import pytest

from newsgraph.query import EventFilter, list_document_summaries, list_events
from newsgraph.store import open_store


@pytest.fixture
def news_store(news_db):
    with open_store(news_db) as store:
        yield store


def test_event_pages_concatenate_to_the_whole_list(news_store):
    everything = list_events(news_store, EventFilter(), limit=None)
    assert len(everything) > 4
    pages = []
    for offset in range(0, len(everything), 3):
        pages += list_events(news_store, EventFilter(), limit=3, offset=offset)
    assert [e["id"] for e in pages] == [e["id"] for e in everything]
    assert [e["actors"] for e in pages] == [e["actors"] for e in everything]
    days = [e["date"] for e in everything]
    assert days == sorted(days, reverse=True)  # newest first


def test_filtered_event_pages_keep_the_filter(news_store):
    kenya = EventFilter(country="KE")
    everything = list_events(news_store, kenya, limit=None)
    assert everything and all(e["country"] == "KE" for e in everything)
    first = list_events(news_store, kenya, limit=2)
    assert [e["id"] for e in first] == [e["id"] for e in everything[:2]]


def test_document_pages_are_newest_first_with_their_event_counts(news_store):
    [newest] = list_document_summaries(news_store, limit=1)
    [older] = list_document_summaries(news_store, limit=1, offset=1)
    assert newest["published"] > older["published"]
    assert newest["events"] == len(
        list_events(news_store, EventFilter(document_id=newest["id"]), limit=None)
    )
    assert list_document_summaries(news_store, limit=5, offset=2) == []
