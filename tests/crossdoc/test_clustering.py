from __future__ import annotations

import pytest

from newsgraph.crossdoc import cluster_events

pytestmark = pytest.mark.slow  # runs the spaCy pipeline on six articles


def test_cluster_events_syndicated_story_and_update(syndicated_analyses):
    """Five syndicated copies and an update: one source, one cluster of the shooting, the two
    death tolls side by side with their dates."""
    clusters = cluster_events(syndicated_analyses)
    killing = [c for c in clusters if any(f.count_type == "killed" for f in c.figures)]
    assert len(killing) == 1
    cluster = killing[0]
    assert cluster.type == "ASSAULT"
    assert cluster.reports == 6 and cluster.sources == 1
    assert {doc_id for doc_id, _event in cluster.members} == {
        a.document.id for a in syndicated_analyses
    }
    assert cluster.place["name"] == "Nairobi"
    assert (cluster.time_low, cluster.time_high, cluster.time_precision) == (
        "2024-06-25", "2024-06-25", "day")  # fmt: skip
    assert cluster.first_reported.startswith("2024-06-25")
    assert cluster.last_reported.startswith("2024-06-26")
    killed = next(f for f in cluster.figures if f.count_type == "killed")
    assert [(v.low, v.published[:10]) for v in killed.values] == [
        (12, "2024-06-25"), (15, "2024-06-26")]  # fmt: skip
    assert killed.conflict
    assert (killed.conservative, killed.high, killed.most_recent) == (12, 15, 15)


def test_cluster_events_is_deterministic(syndicated_analyses):
    first = cluster_events(syndicated_analyses)
    assert [c.to_dict() for c in first] == [
        c.to_dict() for c in cluster_events(syndicated_analyses[::-1])
    ]


def test_cluster_events_covers_every_event_once(syndicated_analyses):
    members = [key for c in cluster_events(syndicated_analyses) for key in c.members]
    expected = [(a.document.id, e.id) for a in syndicated_analyses for e in a.events]
    assert sorted(members) == sorted(expected)
