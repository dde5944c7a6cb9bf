"""Across documents: near-duplicate article groups, event clusters with every source's figures
side by side, and the labels each side uses for the actors.

    groups = group_duplicates(documents)      # syndicated copies and updated versions
    clusters = cluster_events(analyses)       # one real-world event, many outlets
"""

from newsgraph.crossdoc.clustering import cluster_events
from newsgraph.crossdoc.duplicates import group_duplicates
from newsgraph.crossdoc.records import (
    ArticleGroup,
    ClusterMember,
    EventCluster,
    Figure,
    Framing,
    ReportedValue,
)

__all__ = [
    "ArticleGroup",
    "ClusterMember",
    "EventCluster",
    "Figure",
    "Framing",
    "ReportedValue",
    "cluster_events",
    "group_duplicates",
]
