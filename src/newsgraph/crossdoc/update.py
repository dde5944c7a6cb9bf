"""Keeping the stored groups and clusters up to date: after each ingest only the groups and
clusters the new documents touch are recomputed; `rebuild_store` recomputes everything and
gives the same result (both are connected components of the same pairwise tests)."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.crossdoc.clustering import build_clusters
from newsgraph.crossdoc.duplicates import group_duplicates
from newsgraph.crossdoc.features import event_features
from newsgraph.crossdoc.fingerprints import band_buckets, minhash_signature
from newsgraph.crossdoc.matching import SLACK_DAYS, shift
from newsgraph.records import Analysis
from newsgraph.store.base import Store


@dataclass(frozen=True)
class ClusterSummary:
    documents: int  # documents (re)clustered
    groups: int  # article groups written
    clusters: int  # event clusters written

    def describe(self) -> str:
        return (f"clustered {self.documents} documents: {self.groups} article groups and "
                f"{self.clusters} event clusters updated")  # fmt: skip


def update_store(store: Store) -> ClusterSummary:
    """Cluster the analysed documents the store has not clustered yet. A document re-analysed
    since it was clustered may lose links, which merging cannot undo: then everything is
    rebuilt. Two processes updating at once take turns (`Store.exclusive`)."""
    with store.exclusive():
        return _update(store)


def rebuild_store(store: Store) -> ClusterSummary:
    """Forget every group and cluster and compute them again from all analysed documents."""
    with store.exclusive():
        return _rebuild(store)


def _update(store: Store) -> ClusterSummary:
    new_ids = store.ids_to_cluster()
    if not new_ids:
        return ClusterSummary(0, 0, 0)
    if store.get_group_ids(new_ids):
        return _rebuild(store)
    analyses = {doc_id: analysis for doc_id in new_ids if (analysis := store.get_analysis(doc_id))}
    signatures = {doc_id: minhash_signature(a.document.text) for doc_id, a in analyses.items()}
    bands = {doc_id: band_buckets(signature) for doc_id, signature in signatures.items()}

    # Groups: the new documents with the groups of every stored candidate near-duplicate.
    candidates = store.find_duplicate_candidates(sorted({b for bs in bands.values() for b in bs}))
    old_groups = set(store.get_group_ids(candidates).values())
    old_group_documents = set(store.list_group_members(sorted(old_groups)))
    documents = [a.document for a in analyses.values()]
    documents += [store.get_document(doc_id) for doc_id in sorted(old_group_documents)]
    groups = group_duplicates(documents)
    group_of = {doc_id: group.id for group in groups for doc_id in group.document_ids}

    # Clusters: every stored cluster a new event could join, and those whose sources changed.
    new_members = [
        event_features(analysis, event, group_of[doc_id])
        for doc_id, analysis in analyses.items()
        for event in analysis.events
    ]
    touched = set(store.cluster_ids_of_documents(sorted(old_group_documents)))
    for member in new_members:
        touched |= store.find_cluster_ids(
            member.type, shift(member.day_low, -SLACK_DAYS), shift(member.day_high, SLACK_DAYS)
        )
    keys = set(store.list_cluster_member_keys(sorted(touched))) | {m.key for m in new_members}
    for doc_id in sorted({doc_id for doc_id, _event in keys} - analyses.keys()):
        analyses[doc_id] = store.get_analysis(doc_id)
    stored_groups = store.get_group_ids(sorted(analyses.keys() - group_of.keys()))
    clusters = build_clusters(analyses.values(), {**stored_groups, **group_of}, only=keys)
    store.save_crossdoc(groups, bands, clusters, sorted(old_groups), sorted(touched))
    return ClusterSummary(len(new_ids), len(groups), len(clusters))


def _rebuild(store: Store) -> ClusterSummary:
    store.clear_crossdoc()
    ids = store.ids_to_cluster()
    analyses: list[Analysis] = [a for doc_id in ids if (a := store.get_analysis(doc_id))]
    bands = {a.document.id: band_buckets(minhash_signature(a.document.text)) for a in analyses}
    groups = group_duplicates([analysis.document for analysis in analyses])
    group_of = {doc_id: group.id for group in groups for doc_id in group.document_ids}
    clusters = build_clusters(analyses, group_of)
    store.save_crossdoc(groups, bands, clusters, [], [])
    return ClusterSummary(len(analyses), len(groups), len(clusters))
