"""Near-duplicate article groups: the same wire story run by several outlets, or updated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlparse

import numpy as np

from newsgraph.crossdoc.fingerprints import band_buckets, estimate_jaccard, minhash_signature
from newsgraph.crossdoc.records import ArticleGroup
from newsgraph.records import Document

# Estimated Jaccard of lower-cased 4-word shingle sets above which two articles are one story.
# Syndicated copies with a changed headline, byline or sentence stay well above it; an updated
# version that keeps most paragraphs and changes the toll too; two stories on one event by
# different reporters share few 4-word runs (typically < 0.1).
DUPLICATE_THRESHOLD = 0.5


class DisjointSets:
    """Union-find over hashable keys; components do not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, key: object) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: object) -> object:
        self.add(key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, first: object, second: object) -> None:
        root_first, root_second = self.find(first), self.find(second)
        if root_first != root_second:
            self.parent[max(root_first, root_second)] = min(root_first, root_second)

    def components(self) -> list[list]:
        groups: dict = defaultdict(list)
        for key in self.parent:
            groups[self.find(key)].append(key)
        return sorted(sorted(members) for members in groups.values())


def group_duplicates(documents: Sequence[Document]) -> list[ArticleGroup]:
    """Group near-duplicate documents (MinHash over shingles, LSH candidates, then the estimated
    Jaccard must reach DUPLICATE_THRESHOLD). Every document lands in exactly one group; groups
    of one included. Deterministic: the same documents give the same groups in any order."""
    by_id = {document.id: document for document in documents}
    signatures = {doc_id: minhash_signature(doc.text) for doc_id, doc in by_id.items()}
    sets = DisjointSets()
    for doc_id in by_id:
        sets.add(doc_id)
    for first, second in candidate_pairs(signatures):
        if estimate_jaccard(signatures[first], signatures[second]) >= DUPLICATE_THRESHOLD:
            sets.union(first, second)
    return [build_group([by_id[doc_id] for doc_id in members]) for members in sets.components()]


def candidate_pairs(signatures: dict[str, np.ndarray]) -> set[tuple[str, str]]:
    """Pairs of ids sharing at least one LSH band bucket, each as (smaller, larger)."""
    buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
    for doc_id, signature in signatures.items():
        for bucket in band_buckets(signature):
            buckets[bucket].append(doc_id)
    pairs = set()
    for ids in buckets.values():
        ordered = sorted(ids)
        for i, first in enumerate(ordered):
            pairs.update((first, second) for second in ordered[i + 1 :])
    return pairs


def build_group(documents: Sequence[Document]) -> ArticleGroup:
    """The group record of these documents: ordered by date, with every outlet that ran it."""
    ordered = sorted(documents, key=publication_order)
    dated = [d for d in ordered if d.published] or ordered
    outlets = sorted({name for d in ordered if (name := outlet_name(d))})
    return ArticleGroup(
        id="ag-" + min(d.id for d in documents),
        document_ids=[d.id for d in ordered],
        earliest_document_id=dated[0].id,
        earliest_published=dated[0].published,
        latest_document_id=dated[-1].id,
        latest_published=dated[-1].published,
        outlets=outlets,
    )


def publication_order(document: Document) -> tuple[bool, str, str]:
    """Sort key: dated documents first, by date, then by id."""
    return (document.published is None, document.published or "", document.id)


def outlet_name(document: Document) -> str | None:
    """The outlet, else the URL's host: what a reader would call the source."""
    if document.outlet:
        return document.outlet
    if document.url:
        host = urlparse(document.url).hostname or ""
        return host.removeprefix("www.") or None
    return None
