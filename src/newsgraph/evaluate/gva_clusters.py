"""Evaluator for gva-clusters: do articles about the same Gun Violence Archive incident land in one
cluster when the articles of many incidents are clustered together? (SemEval-2018 Task 5's
document-to-incident clustering; data and reading as for `gva`, see FORMAT.md.)

Items: the non-empty articles of the incidents `gva.read_gva` keeps (the first `limit`
incidents with one), pooled and shuffled with a fixed seed (SEED), so that nothing in the input
order says which articles belong together. An article listed under several incidents (a few
round-ups) is scored under the first of them. The key clusters articles by incident.

Response (newsgraph's rule): every article is analysed (body text, with its `dct` as the
publication date; the headline is not analysed separately); `crossdoc.cluster_events` clusters
the events of all articles and `crossdoc.group_duplicates` groups near-duplicate articles. Two
articles are in one response cluster when any event of one is in an event cluster with any
event of the other (a follow-up reports the arrest, not the shooting, as its main event), or
when they are in one article group; the clusters are the connected components of those links.
An article with no event and no near-duplicate is a cluster of one. Articles with identical text
are one document for newsgraph and so always land together. `variants` scores stricter rules:
main events only (`analyze.events.main_event`), with and without article groups, and article
groups alone.

Scores: B-cubed precision, recall and F1 over the articles (`n`). Baselines in the same run, on
the same analyses: `singletons` (every article alone: precision 1) and `date_city` (articles
published the same day whose focus place is the same city; articles without a city focus alone).
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgraph.evaluate.gva import Incident, analyze_articles, read_gva
from newsgraph.evaluate.metrics import bcubed_scores
from newsgraph.evaluate.registry import register
from newsgraph.records import Analysis

SEED = 20180605  # the shuffle of the pooled articles (SemEval-2018's workshop date)


# --- reading ---------------------------------------------------------------------------------


def gold_clustering(incidents: Sequence[Incident]) -> dict[str, str]:
    """Article doc_id -> incident id; an article under several incidents keeps the first."""
    key: dict[str, str] = {}
    for incident in incidents:
        for doc_id in incident.doc_ids:
            key.setdefault(doc_id, incident.id)
    return key


def shuffled(doc_ids: Iterable[str], seed: int = SEED) -> list[str]:
    order = sorted(doc_ids)
    random.Random(seed).shuffle(order)
    return order


# --- clustering ------------------------------------------------------------------------------


class Links:
    """Union-find over article ids: the response clusters are its components."""

    def __init__(self, items: Iterable[Hashable]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: Hashable) -> Hashable:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, items: Sequence[Hashable]) -> None:
        for other in items[1:]:
            first, second = self.find(items[0]), self.find(other)
            if first != second:
                self.parent[second] = first

    def clustering(self) -> dict[Hashable, Hashable]:
        return {item: self.find(item) for item in self.parent}


def article_clustering(
    articles: Mapping[str, str],
    event_clusters: Sequence[Any],
    main_events: Mapping[str, str | None],
    groups: Sequence[Any],
    use_events: bool = True,
    use_groups: bool = True,
    any_event: bool = False,
) -> dict[Hashable, Hashable]:
    """Article doc_id -> response cluster (see the module docstring). `articles`: doc_id ->
    document id (hash of the text); `main_events`: document id -> its main event's id (None: no
    event); `event_clusters`: EventClusters (`members`: (document id, event id)); `groups`:
    ArticleGroups (`document_ids`). `any_event` links articles through any of their events."""
    by_document: dict[str, list[str]] = defaultdict(list)
    for doc_id, document_id in articles.items():
        by_document[document_id].append(doc_id)
    links = Links(articles)
    for doc_ids in by_document.values():
        links.join(doc_ids)
    if use_events:
        for cluster in event_clusters:
            members = [
                by_document[document_id][0]
                for document_id, event_id in cluster.members
                if document_id in by_document
                and (any_event or main_events.get(document_id) == event_id)
            ]
            if members:
                links.join(members)
    if use_groups:
        for group in groups:
            members = [by_document[d][0] for d in group.document_ids if d in by_document]
            if members:
                links.join(members)
    return links.clustering()


def date_city_clustering(
    articles: Mapping[str, str], analyses: Mapping[str, Analysis]
) -> dict[Hashable, Hashable]:
    """Baseline: same publication day and same focus city (GeoNames id) -> one cluster."""
    clustering: dict[Hashable, Hashable] = {}
    for doc_id, document_id in articles.items():
        analysis = analyses[document_id]
        city = focus_city(analysis)
        published = (analysis.document.published or "")[:10]
        clustering[doc_id] = (published, city) if city and published else ("alone", doc_id)
    return clustering


def focus_city(analysis: Analysis) -> int | None:
    place = next((p for p in analysis.places if p.id == analysis.focus_place_id), None)
    if place is None or place.geonames_id is None:
        return None
    return place.geonames_id if place.feature_class == "P" else None


# --- scoring ---------------------------------------------------------------------------------


def bcubed(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> dict:
    scores = bcubed_scores(key, response)
    return {f"bcubed_{name}": round(value, 4) for name, value in scores.items()}


def score_articles(
    key: Mapping[str, str],
    response: Mapping[Hashable, Hashable],
    baselines: Mapping[str, Mapping[Hashable, Hashable]],
    variants: Mapping[str, Mapping[Hashable, Hashable]] | None = None,
) -> dict[str, Any]:
    """B-cubed of the response, with each baseline and variant over the same articles."""
    clusters = len(set(response.values()))
    result: dict[str, Any] = {
        **bcubed(key, response),
        "n": len(key),
        "incidents": len(set(key.values())),
        "clusters": clusters,
    }
    if variants:
        result["variants"] = {name: bcubed(key, v) for name, v in variants.items()}
    result["baseline"] = {name: bcubed(key, b) for name, b in baselines.items()}
    return result


# --- running ---------------------------------------------------------------------------------


@register(
    "gva-clusters",
    "articles of many Gun Violence Archive incidents clustered together: B-cubed by incident",
    dataset="gva",
)
def evaluate_gva_clusters(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """B-cubed of newsgraph's article clusters against the incidents (see the module docstring)."""
    from newsgraph.analyze.events import main_event
    from newsgraph.crossdoc import cluster_events, group_duplicates

    incidents, documents = read_gva(data_dir, limit)
    key = gold_clustering(incidents)
    order = shuffled(key)
    articles = {doc_id: documents[doc_id] for doc_id in order if doc_id in documents}
    key = {doc_id: key[doc_id] for doc_id in articles}
    print(f"gva-clusters: {len(articles)} articles of {len(incidents)} incidents", file=sys.stderr)
    analyses: dict[str, Analysis] = {}  # by document id: identical texts are one document
    for _doc_id, analysis in analyze_articles(articles):
        analyses.setdefault(analysis.document.id, analysis)
    unique: list[Analysis] = list(analyses.values())
    event_clusters = cluster_events(unique)
    groups = group_duplicates([analysis.document for analysis in unique])
    document_of = {doc_id: document.id for doc_id, document in articles.items()}
    main_events = {
        document_id: (event.id if (event := main_event(analysis.events)) else None)
        for document_id, analysis in analyses.items()
    }

    def rule(**options: bool) -> dict[Hashable, Hashable]:
        return article_clustering(document_of, event_clusters, main_events, groups, **options)

    result = score_articles(
        key,
        rule(any_event=True),
        baselines={
            "singletons": {doc_id: doc_id for doc_id in key},
            "date_city": date_city_clustering(document_of, analyses),
        },
        variants={
            "main_event": rule(),
            "main_event_only": rule(use_groups=False),
            "groups_only": rule(use_events=False),
        },
    )
    result["articles_with_event"] = (
        round(sum(1 for d in document_of.values() if main_events.get(d)) / len(document_of), 4)
        if document_of
        else 0.0
    )
    result["event_clusters"] = len(event_clusters)
    result["article_groups"] = len(groups)
    return result
