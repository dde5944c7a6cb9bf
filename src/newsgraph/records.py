"""The records newsgraph produces. Every span is a (start, end) character pair into `Document.text`.

Records are plain dataclasses so that the CLI, the store, the exports and the Spark job all share
one model; `to_dict()` gives the JSON shape published in the schema.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 6  # 2: entities, mentions, places; 3: times, counts; 4: quotes, claims; 5: events;
# 6: tone (document, quotes, claims, actors) and themes

Span = tuple[int, int]


@dataclass(frozen=True)
class Tone:
    """GDELT's V1.5 tone of a text: percentages of its words (see analyze/tone.py)."""

    tone: float  # positive - negative, -100..+100
    positive: float  # % of words with a positive connotation
    negative: float  # % of words with a negative connotation (a positive number)
    polarity: float  # % of words in the tone lexicon
    activity: float  # % of words that are activity words
    self_group: float  # % of words that are self/group pronouns
    word_count: int


@dataclass(frozen=True)
class QualityFlag:
    """Something a reader of the document should know about its cleaning.

    `kind` is one of: boilerplate_line, encoding_guessed, mixed_encoding, mojibake_repaired
    (UTF-8 that was once read as Windows-1252, "didnâ€™t", made "didn’t"), non_english,
    fallback_extractor, title_from_text, published_from_crawl_date (the page gives no date, so
    the crawl's is used). `detail` holds the removed text or a note.
    """

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Dateline:
    """A news dateline such as "ALMATY, Kazakhstan. —" at the head of the body text."""

    text: str  # as written, without the trailing dash
    place: str  # "Almaty": the city, title-cased
    region: str | None = None  # "Kazakhstan": state or country when given
    agency: str | None = None  # "Reuters" from "LONDON (Reuters) -"
    span: Span = (0, 0)


@dataclass
class Document:
    """One cleaned article. `id` is derived from the clean text, so the same article gets one id."""

    text: str
    source: str  # where it came from: a path, a URL, "path#line", "warc#offset"
    source_kind: str  # text | html | jsonl | warc | url | feed
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time
    published_precision: str | None = None  # day | minute | second (what `published` supports)
    language: str | None = None  # ISO 639-1
    dateline: Dateline | None = None
    quality_flags: list[QualityFlag] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    @property
    def is_english(self) -> bool:
        return self.language in (None, "en")

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        if self.dateline is not None:
            record["dateline"]["span"] = list(self.dateline.span)
        return {"schema_version": SCHEMA_VERSION, **record}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Document:
        record = {k: v for k, v in record.items() if k != "schema_version"}
        if record.get("dateline"):
            dateline = dict(record["dateline"])
            dateline["span"] = tuple(dateline["span"])
            record["dateline"] = Dateline(**dateline)
        record["quality_flags"] = [QualityFlag(**f) for f in record.get("quality_flags", [])]
        return cls(**record)


def document_id(clean_text: str) -> str:
    """A stable id from the clean text: 16 hex digits of its SHA-256 (64 bits)."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Place:
    """A toponym in the text resolved (where possible) to a GeoNames entry."""

    id: str  # "p1", unique within the document
    span: Span
    text: str  # as written: "Almaty", "Kazakh", "Russian-led", "Nur-Sultan"
    name: str | None = None  # the gazetteer's name: "Almaty", "Kazakhstan"
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-2
    admin1_code: str | None = None
    admin1_name: str | None = None
    feature_class: str | None = None  # GeoNames class: A (country, region), P (city), L (area)
    feature_code: str | None = None  # GeoNames code: PCLI, ADM1, PPLC, RGN ...
    precision: str | None = None  # country | admin1 | city | region | historical
    confidence: float = 0.0
    reason: str = ""  # why this entry: "dateline", "population", "country context" ...
    form: str = "name"  # name | demonym | adjective (how the text refers to the place)


@dataclass
class Mention:
    """One mention of an entity: its span and how it refers."""

    id: str  # "m1"
    span: Span
    text: str
    entity_id: str
    kind: str  # name | surname | acronym | description | pronoun | group


@dataclass
class Entity:
    """An actor with all its mentions clustered."""

    id: str  # "e1"
    name: str  # the fullest name: "Kassym-Jomart Tokayev"
    kind: str  # person | organization | group | country | media
    mention_ids: list[str] = field(default_factory=list)
    title: str | None = None  # "President", "secretary-general"
    affiliation: str | None = None  # an entity id (Zas -> CSTO)
    affiliation_name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER sector code: GOV, MIL, COP, REB, OPP, CVL, JRN, IGO, NGO
    place_id: str | None = None  # for countries: the Place record
    anonymous: bool = False  # "one woman", "another man"
    confidence: float = 0.0


@dataclass
class TimeExpr:
    """A time expression normalised against the publication date (TIMEX3 conventions)."""

    id: str  # "t1"
    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value: "2022-01-07", "2022-01", "2022-W01", "P3D", "XXXX-XX-XX"
    granularity: str | None = None  # time | day | week | month | season | quarter | year | decade
    anchor: str = "absolute"  # absolute | publication | text (an earlier date) | unresolved
    anchor_id: str | None = None  # the TimeExpr it was anchored to, for anchor == "text"
    low: str | None = None  # first day of the interval it covers ("earlier this week")
    high: str | None = None  # last day of that interval
    modifier: str | None = None  # TIMEX3 mod: BEFORE, AFTER, ON_OR_BEFORE, START, END, APPROX
    signal: str | None = None  # the preposition bounding it: "since" 1991, "until" January 19
    confidence: float = 0.0


@dataclass
class Count:
    """A figure about people or force: killed, injured, detained, deployed, crowd size ..."""

    id: str  # "c1"
    span: Span  # the evidence: the number and what it counts
    text: str
    type: str  # killed | injured | detained | missing | kidnapped | displaced | evacuated |
    # deployed | crowd | affected | seized (see ontology/data/en/count_types.tsv)
    low: int | None  # None with high None: an unknown amount
    high: int | None  # None: open above ("more than 3,000")
    qualifier: str  # exact | approximately | at_least | at_most | range | vague
    number_text: str = ""  # "More than 3,000", "dozens", "two-thirds"
    object: str | None = None  # "security personnel", "armed criminals"
    object_span: Span | None = None
    entity_id: str | None = None  # the actor counted, where known
    time_id: str | None = None  # the TimeExpr the figure belongs to
    place_id: str | None = None
    cumulative: bool = False  # "the death toll rose to 164": a running total
    gdelt_type: str | None = None  # KILL | WOUND | ARREST | KIDNAP | PROTEST | SEIZE | AFFECT
    unit: str | None = None  # a force unit counted instead of people: "brigade", "battalion"
    share: float | None = None  # a proportion ("two-thirds" -> 0.667); low/high stay None
    trigger: str | None = None  # the word that gives the type: "killed", "toll", "marched"
    trigger_span: Span | None = None
    confidence: float = 0.0


@dataclass
class Quote:
    """Who said what: a direct, partial or indirect quotation with its speaker resolved."""

    id: str  # "q1"
    content_span: Span  # the words quoted or reported, without the quotation marks
    content: str
    kind: str  # direct | partial | indirect | label (scare quotes around someone's label)
    speaker_entity_id: str | None = None
    speaker_kind: str = "unknown"  # person | organization | outlet | anonymous | unknown
    speaker_span: Span | None = None  # the mention that names the speaker here
    cue: str | None = None  # "said", "told", "according to"
    cue_span: Span | None = None
    channel: str | None = None  # "told Reuters", "in a statement", "in a televised address"
    channel_entity_id: str | None = None
    flags: list[str] = field(default_factory=list)  # unbalanced_marks, continues_paragraph ...
    tone: Tone | None = None  # of the content (the tone stage)
    confidence: float = 0.0


@dataclass
class Claim:
    """An attributed assertion ("state media reported that …") and the records it covers."""

    id: str  # "cl1"
    content_span: Span
    cue: str | None  # "reported", "said", "according to", "denied"; None for the outlet's own
    cue_span: Span | None = None
    claimant_entity_id: str | None = None
    claimant_text: str | None = None  # "Kazakh state media"; the outlet's name for its own
    claimant_kind: str = "unknown"  # named | unnamed ("there were reports") | outlet (the author)
    claimant_span: Span | None = None  # the words that name the claimant here ("local media")
    stance: str = "asserts"  # asserts | denies | disputes
    count_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    quote_id: str | None = None
    confidence: float = 0.0
    tone: Tone | None = None  # of the content (the tone stage)


@dataclass
class EventActor:
    """One participant of an event: who acts (`source`) or is acted on (`target`)."""

    role: str  # source | target
    text: str  # the phrase as written: "Kazakh security forces", "protesters"
    span: Span
    entity_id: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, from the entity or the phrase
    sector: str | None = None  # PLOVER sector code: GOV, MIL, COP, CVL ...


@dataclass
class Event:
    """A political or violent event typed in PLOVER, with its arguments and evidence.

    `modality` says what the text commits to: asserted (the outlet says it happened), reported
    (someone else says so: see `claim_id`), ordered, threatened, planned, hypothetical, negated,
    denied, or historical (background, long before the publication date)."""

    id: str  # "ev1"
    type: str  # PLOVER type: ASSAULT, PROTEST, COERCE ...
    mode: str | None  # PLOVER mode: firearms, riot, arrest ... (None when the text gives none)
    trigger: str  # the word(s) that name the event: "stormed", "protests", "detained"
    trigger_span: Span
    sentence_span: Span
    modality: str = "asserted"
    modality_cue: str | None = None  # the word behind the modality: "ordered", "reportedly"
    contexts: list[str] = field(default_factory=list)  # PLOVER contexts: repression, economic
    cameo: str = ""  # the CAMEO code of the type/mode
    quad_class: int = 0  # CAMEO/PLOVER QuadClass 1-4
    acled_event_type: str | None = None  # "Protests", "Riots", "Battles" ...
    acled_sub_event_type: str | None = None  # "Violent demonstration", "Arrests" ...
    actors: list[EventActor] = field(default_factory=list)
    place_id: str | None = None  # the Place the event happened at
    place_basis: str | None = None  # clause (the text says where) | dateline | article (its
    # focus place stands in: the text names no place for the event)
    time_id: str | None = None  # the TimeExpr the event happened at
    count_ids: list[str] = field(default_factory=list)
    claim_id: str | None = None  # the claim the event rests on (an outlet's own, if unattributed)
    quote_ids: list[str] = field(default_factory=list)  # quotes that speak about it
    other_spans: list[Span] = field(default_factory=list)  # triggers of later reports merged in
    confidence: float = 0.0

    def actors_in(self, role: str) -> list[EventActor]:
        return [actor for actor in self.actors if actor.role == role]


@dataclass
class ActorTone:
    """How an actor is described: the tone of the words governing its mentions, and of the
    sentences that mention it."""

    entity_id: str
    mentions: int
    tone: float  # (positive - negative) / words x 100, over the governing words
    positive: int  # governing words with a positive connotation
    negative: int
    words: int  # governing words read
    spans: list[Span] = field(default_factory=list)  # the tonal governing words
    sentence_tone: Tone | None = None


@dataclass
class Theme:
    """A document theme (ontology/data/themes.tsv) with the spans that triggered it."""

    theme: str  # PROTEST, KILL, ARREST, TERROR ... or a PLOVER context in capitals
    spans: list[Span] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)  # events that gave it


@dataclass
class StageError:
    """A stage that failed on this document: the rest of the analysis is still returned."""

    stage: str
    message: str


@dataclass
class Analysis:
    """A document and the standoff records of every stage."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    focus_place_id: str | None = None
    times: list[TimeExpr] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: Tone | None = None
    actor_tones: list[ActorTone] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    skipped: str | None = None  # why no stage ran ("non_english")

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["document"] = self.document.to_dict()
        return {"schema_version": SCHEMA_VERSION, **record}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Analysis:
        def spans(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**item, "span": tuple(item["span"])} for item in items]

        return cls(
            document=Document.from_dict(record["document"]),
            entities=[Entity(**e) for e in record.get("entities", [])],
            mentions=[Mention(**m) for m in spans(record.get("mentions", []))],
            places=[Place(**p) for p in spans(record.get("places", []))],
            focus_place_id=record.get("focus_place_id"),
            times=[TimeExpr(**t) for t in spans(record.get("times", []))],
            counts=[Count(**_count_spans(c)) for c in spans(record.get("counts", []))],
            quotes=[Quote(**_with_tone(_tuple_spans(q))) for q in record.get("quotes", [])],
            claims=[Claim(**_with_tone(_tuple_spans(c))) for c in record.get("claims", [])],
            events=[_event(e) for e in record.get("events", [])],
            tone=_tone(record.get("tone")),
            actor_tones=[_actor_tone(a) for a in record.get("actor_tones", [])],
            themes=[
                Theme(t["theme"], [tuple(s) for s in t["spans"]], t.get("event_ids", []))
                for t in record.get("themes", [])
            ],
            errors=[StageError(**e) for e in record.get("errors", [])],
            skipped=record.get("skipped"),
        )


def _event(record: dict[str, Any]) -> Event:
    event = _tuple_spans(record)
    event["actors"] = [EventActor(**_tuple_spans(a)) for a in record.get("actors", [])]
    event["other_spans"] = [tuple(span) for span in record.get("other_spans", [])]
    return Event(**event)


def _tone(record: dict[str, Any] | None) -> Tone | None:
    return Tone(**record) if record else None


def _with_tone(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "tone": _tone(record.get("tone"))}


def _actor_tone(record: dict[str, Any]) -> ActorTone:
    return ActorTone(**{**record, "spans": [tuple(s) for s in record.get("spans", [])],
                        "sentence_tone": _tone(record.get("sentence_tone"))})  # fmt: skip


def _count_spans(record: dict[str, Any]) -> dict[str, Any]:
    spans = {key: record.get(key) for key in ("object_span", "trigger_span")}
    return {**record, **{key: tuple(span) if span else None for key, span in spans.items()}}


def _tuple_spans(record: dict[str, Any]) -> dict[str, Any]:
    """JSON gives spans back as lists; every "*span" field becomes a tuple again."""
    return {
        key: tuple(value) if key.endswith("span") and value is not None else value
        for key, value in record.items()
    }
