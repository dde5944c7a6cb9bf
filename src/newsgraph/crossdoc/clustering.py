"""Event clusters across documents: reports of one real-world event from many articles."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from newsgraph.crossdoc.duplicates import DisjointSets, group_duplicates
from newsgraph.crossdoc.features import UNKNOWN_LOW, event_features
from newsgraph.crossdoc.framings import collect_framings
from newsgraph.crossdoc.matching import PLACE_LEVEL, SLACK_DAYS, events_match, shift
from newsgraph.crossdoc.reconcile import reconcile_figures
from newsgraph.crossdoc.records import ClusterMember, EventCluster
from newsgraph.records import Analysis

EventKey = tuple[str, str]  # (document id, event id)


def cluster_events(analyses: Sequence[Analysis]) -> list[EventCluster]:
    """Cluster the events of `analyses` across documents. Every event lands in exactly one
    cluster (most in a cluster of one). Near-duplicate articles are grouped first so that
    syndicated copies count as one source. Deterministic and independent of input order."""
    groups = group_duplicates([analysis.document for analysis in analyses])
    group_of = {doc_id: group.id for group in groups for doc_id in group.document_ids}
    return build_clusters(analyses, group_of)


def build_clusters(
    analyses: Iterable[Analysis],
    group_of: Mapping[str, str],
    only: Collection[EventKey] | None = None,
) -> list[EventCluster]:
    """Clusters of the events of `analyses` (only those keyed in `only`, when given): the
    connected components of `events_match`, so adding events merges clusters and never
    depends on the order they came in — the incremental update relies on it."""
    by_document = {analysis.document.id: analysis for analysis in analyses}
    members = [
        event_features(analysis, event, group_of.get(doc_id, "ag-" + doc_id))
        for doc_id, analysis in sorted(by_document.items())
        for event in analysis.events
        if only is None or (doc_id, event.id) in only
    ]
    sets = DisjointSets()
    for member in members:
        sets.add(member.key)
    for first, second in candidate_pairs(members):
        if events_match(first, second):
            sets.union(first.key, second.key)
    by_key = {member.key: member for member in members}
    clusters = [
        summarize_cluster([by_key[key] for key in keys], by_document) for keys in sets.components()
    ]
    return sorted(clusters, key=lambda cluster: cluster.members[0])


def candidate_pairs(members: list[ClusterMember]) -> Iterable[tuple[ClusterMember, ClusterMember]]:
    """Pairs of the same type whose days can overlap: a sweep over the start days, so the work
    grows with the events close in time, not with all pairs."""
    by_type: dict[str, list[ClusterMember]] = defaultdict(list)
    for member in members:
        by_type[member.type].append(member)
    for same_type in by_type.values():
        undated = [m for m in same_type if m.day_low == UNKNOWN_LOW]
        dated = sorted((m for m in same_type if m.day_low != UNKNOWN_LOW), key=sort_key)
        for i, first in enumerate(dated):
            for second in dated[i + 1 :]:
                if shift(second.day_low, -SLACK_DAYS) > first.day_high:
                    break
                yield first, second
        for i, first in enumerate(undated):
            yield from ((first, second) for second in undated[i + 1 :] + dated)


def sort_key(member: ClusterMember) -> tuple[str, str, str]:
    return (member.day_low, member.document_id, member.event_id)


def summarize_cluster(
    members: list[ClusterMember], analyses: Mapping[str, Analysis]
) -> EventCluster:
    """The cluster record: canonical fields, sources, report times, figures and framings."""
    members = sorted(members, key=lambda m: m.key)
    low, high, precision = canonical_days(members)
    published = sorted(m.published for m in members if m.published)
    events_by_document: dict[str, list[str]] = defaultdict(list)
    for member in members:
        events_by_document[member.document_id].append(member.event_id)
    framings = [
        framing
        for doc_id, event_ids in sorted(events_by_document.items())
        for framing in collect_framings(
            analyses[doc_id], [e for e in analyses[doc_id].events if e.id in event_ids]
        )
    ]
    return EventCluster(
        id=cluster_id(members[0].key),
        members=[m.key for m in members],
        type=most_common([m.type for m in members]),
        mode=most_common([m.mode for m in members if m.mode]),
        place=canonical_place([m.place for m in members if m.place]),
        time_low=low,
        time_high=high,
        time_precision=precision,
        sources=len({m.group_id for m in members}),
        reports=len(events_by_document),
        outlets=sorted({m.outlet for m in members if m.outlet}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        member_details=members,
        figures=reconcile_figures(members, analyses),
        framings=framings,
    )


def cluster_id(smallest_member: EventKey) -> str:
    """Derived from the members, so the rebuild and the incremental path name it alike."""
    digest = hashlib.sha1(":".join(smallest_member).encode("utf-8")).hexdigest()
    return "ec-" + digest[:12]


def most_common(values: list[Any]) -> Any:
    """The most frequent value; on a tie the smallest, so the result never depends on order."""
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], str(value)))


def canonical_place(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most precise place every member's place equals or contains ("Almaty" over
    "Kazakhstan"); when members name different places at one level, the smallest area
    containing them all (their admin1 or country)."""
    if not places:
        return None
    ranked = sorted(places, key=lambda p: (-PLACE_LEVEL.get(p["precision"], -1), str(p["name"])))
    for candidate in ranked:
        if all(contains(other, candidate) for other in places):
            return candidate
    countries = {p["country"] for p in places}
    admin1 = {(p["country"], p["admin1_code"]) for p in places}
    if len(admin1) == 1 and None not in next(iter(admin1)):
        name = next(p["admin1_name"] for p in places)
        return {"name": name, "country": places[0]["country"], "admin1_code": places[0][
            "admin1_code"], "admin1_name": name, "geonames_id": None, "precision": "admin1",
            "lat": None, "lon": None, "basis": "common"}  # fmt: skip
    if len(countries) == 1 and None not in countries:
        country = countries.pop()
        return {"name": country, "country": country, "admin1_code": None, "admin1_name": None,
                "geonames_id": None, "precision": "country", "lat": None, "lon": None,
                "basis": "common"}  # fmt: skip
    return None


def contains(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """`outer` is `inner` or an area around it (its country, its admin1)."""
    if outer["geonames_id"] is not None and outer["geonames_id"] == inner["geonames_id"]:
        return True
    if outer["country"] != inner["country"]:
        return False
    if outer["precision"] == "country":
        return True
    return outer["precision"] == "admin1" and outer["admin1_code"] == inner["admin1_code"]


def canonical_days(members: list[ClusterMember]) -> tuple[str | None, str | None, str | None]:
    """The days all members agree on (their windows' intersection; the text's own dates before
    the publication-based ones), else the span they cover, and its precision."""
    dated = [m for m in members if m.time_basis != "unknown"]
    if not dated:
        return None, None, None
    own = [m for m in dated if m.time_basis == "text"] or dated
    low, high = max(m.day_low for m in own), min(m.day_high for m in own)
    if low > high:
        low, high = min(m.day_low for m in own), max(m.day_high for m in own)
    width = (date.fromisoformat(high) - date.fromisoformat(low)).days
    precision = "day" if width == 0 else "week" if width < 7 else "month" if width < 31 else "range"
    return low, high, precision
