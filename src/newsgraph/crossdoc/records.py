"""The records the cross-document stage produces: article groups, event clusters, the figures
each source claims for a cluster, and the labels each side uses for the actors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ArticleGroup:
    """Near-duplicate articles: wire copies run by several outlets, updated versions of a story.

    Every document belongs to exactly one group (most are groups of one). The group counts as one
    report: syndicated copies are not independent confirmation."""

    id: str  # "ag-" + the smallest member document id: derived from the members, so stable
    document_ids: list[str]  # ordered by publication date, then id
    earliest_document_id: str
    earliest_published: str | None
    latest_document_id: str
    latest_published: str | None
    outlets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> ArticleGroup:
        return cls(**record)


@dataclass
class ClusterMember:
    """One event of one document in a cluster, with what it was matched on."""

    document_id: str
    event_id: str
    group_id: str
    outlet: str | None
    published: str | None
    type: str
    mode: str | None
    modality: str
    trigger: str  # lower case: copies of one story keep their triggers
    day_low: str  # the days the event may have happened on (ISO dates, inclusive)
    day_high: str
    time_basis: str  # text (its own TimeExpr) | published (the article's date)
    place: dict[str, Any] | None = None  # name, geonames_id, country, admin1_code, precision
    actor_names: list[str] = field(default_factory=list)  # named actors, lower case
    actor_roles: list[str] = field(default_factory=list)  # "source:KAZ:COP" role:country:sector

    @property
    def key(self) -> tuple[str, str]:
        return (self.document_id, self.event_id)


@dataclass
class ReportedValue:
    """One figure as one source gave it: "18 security personnel killed — state media"."""

    count_type: str  # killed, injured, detained, deployed, crowd ...
    low: int | None
    high: int | None  # None: open above ("more than 3,000")
    qualifier: str
    number_text: str
    object: str | None
    claimant: str | None  # "Kazakh state media"; the outlet for its own statement
    claimant_kind: str  # named | unnamed | outlet
    document_id: str
    count_id: str
    group_id: str
    outlet: str | None
    published: str | None
    text: str = ""  # the evidence


@dataclass
class Figure:
    """Every claimed value of one count type in a cluster, and what an analyst would keep."""

    count_type: str
    values: list[ReportedValue]
    conflict: bool  # the sources do not all give the same figure
    conservative: int | None  # ACLED's rule: the lowest credible total any report gives
    high: int | None  # the highest total any report gives (None: some report is open above)
    most_recent: int | None  # the total of the latest report (low end)
    most_recent_published: str | None = None


@dataclass
class Framing:
    """A label ("terrorist bandits", "neither thugs nor terrorists") and who used it, about which
    actor (crossdoc/framings.py says how each field is found)."""

    label: str
    speaker: str | None  # the speaker's name, None when unknown
    speaker_entity_id: str | None
    target: str | None  # the actor the label names: the actor phrase or entity name
    document_id: str
    quote_id: str
    outlet: str | None
    published: str | None
    kind: str = "scare_quote"  # scare_quote | predicate ("we are not thugs") | reference
    negated: bool = False  # the speaker rejects the label ("neither thugs nor terrorists")
    target_entity_id: str | None = None
    speaker_group: str | None = None  # the speaker's affiliation: "protesters" for "one woman"
    span: tuple[int, int] | None = None  # the label's words in the document text


@dataclass
class EventCluster:
    """Reports of one real-world event across documents, with canonical fields and every
    source's version of the figures."""

    id: str  # "ec-" + a hash of the smallest member (document id, event id)
    members: list[tuple[str, str]]  # (document id, event id), sorted
    type: str
    mode: str | None
    place: dict[str, Any] | None  # name, geonames_id, country, admin1_code, precision
    time_low: str | None  # the window the reports agree on (ISO dates)
    time_high: str | None
    time_precision: str | None  # day | week | month | range
    sources: int  # independent sources: article groups, not articles
    reports: int  # articles
    outlets: list[str] = field(default_factory=list)
    first_reported: str | None = None
    last_reported: str | None = None
    member_details: list[ClusterMember] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    framings: list[Framing] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> EventCluster:
        record = dict(record)
        record["members"] = [tuple(member) for member in record["members"]]
        record["member_details"] = [ClusterMember(**m) for m in record["member_details"]]
        record["figures"] = [
            Figure(**{**f, "values": [ReportedValue(**v) for v in f["values"]]})
            for f in record["figures"]
        ]
        record["framings"] = [
            Framing(**{**f, "span": tuple(f["span"]) if f.get("span") else None})
            for f in record["framings"]
        ]
        return cls(**record)
