"""The stored groups and clusters: the incremental path after each batch equals a rebuild."""

from __future__ import annotations

import pytest

from newsgraph.crossdoc.update import rebuild_store, update_store

pytestmark = pytest.mark.slow  # runs the spaCy pipeline on six articles


def stored_state(store) -> tuple[list, list]:
    groups = [g.to_dict() for g in store.list_article_groups()]
    clusters = [c.to_dict() for c in store.list_event_clusters()]
    return groups, clusters


def save(store, analyses) -> None:
    run_id = store.begin_run("test", [])
    for analysis in analyses:
        store.save_document(analysis.document, analysis.document.id, run_id, analysis)


def test_update_store_batch_by_batch_equals_rebuild(store, syndicated_analyses):
    for batch in (syndicated_analyses[:2], syndicated_analyses[2:5], syndicated_analyses[5:]):
        save(store, batch)
        assert update_store(store).documents == len(batch)
    incremental = stored_state(store)
    assert rebuild_store(store).documents == 6
    assert stored_state(store) == incremental
    assert update_store(store).documents == 0  # nothing new


def test_stored_groups_and_clusters_read_back(store, syndicated_analyses):
    save(store, syndicated_analyses)
    update_store(store)
    [group] = store.list_article_groups(min_size=2)
    assert len(group.document_ids) == 6
    killing = [c for c in store.list_event_clusters(min_sources=1) if c.figures and
               c.figures[0].count_type == "killed"]  # fmt: skip
    assert len(killing) == 1 and killing[0].sources == 1
    rows = store.conn.execute(
        "SELECT low, conflict FROM reconciled_values WHERE count_type = 'killed' ORDER BY low"
    ).fetchall()
    assert [tuple(row) for row in rows] == [(12, 1), (15, 1)]


def test_reanalysed_document_triggers_a_rebuild(store, syndicated_analyses):
    save(store, syndicated_analyses)
    update_store(store)
    before = stored_state(store)
    store.conn.execute("UPDATE analyses SET analyzed_at = '9999-01-01T00:00:00+00:00'")
    assert update_store(store).documents == 6
    assert stored_state(store) == before
