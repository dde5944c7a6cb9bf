"""GDELT Global Knowledge Graph 2.1 TSV: the codebook's 27 columns (data/gdelt_gkg_columns.txt,
which also notes each field's syntax), no header, tab-separated, one row per analysed article.

Articles: those of the selected events when a filter is on events (type, country, actor,
modality); otherwise every analysed article matching the rest, since/until on its publication day
(`query.select_document_ids`).

What fills what:

- GKGRECORDID the export time and a sequence number ("20240625120000-0"); V2.1DATE the article's
  publication (a day at 000000; the export time without one); V2SOURCECOLLECTIONIDENTIFIER 1 WEB
  with a URL, 2 CITATIONONLY without; V2SOURCECOMMONNAME the domain, else the outlet;
  V2DOCUMENTIDENTIFIER the URL, else the source path.
- V1COUNTS / V2.1COUNTS: each Count with a GDELT count type and a number:
  TYPE#NUMBER#OBJECT#location (type#name#country#adm1#lat#long#featureid, empty when the count
  has no place), and for 2.1 the count's character offset. NUMBER is the low end of the count
  (GDELT writes one number: "more than 40" is 41, "dozens" 24); the range and the qualifier are
  in the companion file.
- V1THEMES / V2ENHANCEDTHEMES: our themes (ontology/data/themes.tsv), in 2.1 "THEME,offset" for
  each span that triggered it. Our names are GKG-style, not GDELT's own taxonomy.
- V1LOCATIONS / V2ENHANCEDLOCATIONS: every place with coordinates (V1: each once), with GDELT's
  location types, FIPS country and ADM1 codes and GeoNames ids as in the Events export's
  ActionGeo (gdelt.geo_fields); ADM2 empty; 2.1 adds the offset of each mention.
- V1PERSONS / V2ENHANCEDPERSONS: named people (anonymous ones left out), the entity's fullest name
  at each named mention ("Name,offset"); V1ORGANIZATIONS / V2ENHANCEDORGANIZATIONS: organizations
  and media. Groups ("protesters") and countries (locations) are not names.
- V1.5TONE: the tone stage's seven components (analyze/tone.py says how they are defined).
- V2.1ENHANCEDDATES: each date expression resolved to a day (resolution 4), a month (2) or a year
  (1), or a month and day with no year (3): resolution#month#day#year#offset, 0 for what is not
  known.
- V2GCAM: only "wc:WORDS" (GCAM's word count): we score no GCAM dictionary.
- V2.1QUOTATIONS: direct and partial quotes: offset|length|verb|quote, "#" between quotes (the
  codebook's syntax; "|" and "#" inside a quote become spaces).
- V2.1ALLNAMES: every named mention of a person, organization, outlet or country ("Name,offset").
- V2.1AMOUNTS: each count with a number: amount,object,offset.
- V2EXTRASXML: <PAGE_TITLE> and <PAGE_AUTHORS>. Images, embeds and translation info are empty.

Delimiters inside values (";", ",", "#", "|" where they separate fields) become spaces.

The companion JSONL ("gkg.tsv" -> "gkg.companion.jsonl") holds what the format has no place for,
one line per row with its GKGRECORDID and document id: each quotation's speaker, speaker kind,
channel and tone; each count's range, qualifier, claimant and claim stance; each claim's
claimant, cue and stance; the tone toward each actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape

from newsgraph.export import data_lines, register_exporter
from newsgraph.export.common import claimant_name, companion_writer, count_claimant
from newsgraph.export.gdelt import (
    document_identifier,
    export_timestamp,
    gdelt_timestamp,
    geo_fields,
    source_collection,
    source_name,
    tone_number,
    tsv_line,
)  # fmt: skip
from newsgraph.query import EventFilter, get_analysis, select_document_ids
from newsgraph.records import Analysis, Count, Entity, Place
from newsgraph.store import Store

PERSON_KINDS = ("person",)
ORGANIZATION_KINDS = ("organization", "media")
NAME_KINDS = ("person", "organization", "media", "country")
NAMED_MENTIONS = ("name", "surname", "acronym")
QUOTATION_KINDS = ("direct", "partial")


@cache
def gdelt_gkg_columns() -> tuple[str, ...]:
    return data_lines("gdelt_gkg_columns.txt")


def clean(value: Any, delimiters: str) -> str:
    """`value` as text with the field's `delimiters` (and white space runs) turned to spaces."""
    text = re.sub(f"[{re.escape(delimiters)}\\s]+", " ", str(value if value is not None else ""))
    return text.strip()


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def location_fields(place: Place | None, adm2: bool) -> list[str]:
    """A place as GDELT's location fields (gdelt.geo_fields; V1 blocks have no ADM2 field)."""
    fields = [clean(field, "#;") for field in geo_fields(place)]
    return fields if adm2 else fields[:4] + fields[5:]


def counts_fields(analysis: Analysis) -> tuple[str, str]:
    places = {p.id: p for p in analysis.places}
    v1, v21 = [], []
    for count in gdelt_counts(analysis):
        block = [count.gdelt_type, count.low, clean(count.object or "", "#;"),
                 *location_fields(places.get(count.place_id or ""), adm2=False)]  # fmt: skip
        v1.append("#".join(map(str, block)))
        v21.append("#".join(map(str, [*block, count.span[0]])))
    return ";".join(unique(v1)), ";".join(v21)


def gdelt_counts(analysis: Analysis) -> list[Count]:
    return [c for c in analysis.counts if c.gdelt_type and c.low is not None]


def themes_fields(analysis: Analysis) -> tuple[str, str]:
    v1 = unique(clean(t.theme, ",;") for t in analysis.themes)
    v2 = sorted((span[0], clean(t.theme, ",;")) for t in analysis.themes for span in t.spans)
    return ";".join(v1), ";".join(f"{name},{offset}" for offset, name in v2)


def locations_fields(analysis: Analysis) -> tuple[str, str]:
    located = [p for p in analysis.places if p.lat is not None and p.lon is not None]
    v1 = unique("#".join(location_fields(p, adm2=False)) for p in located)
    v2 = ["#".join([*location_fields(p, adm2=True), str(p.span[0])]) for p in located]
    return ";".join(v1), ";".join(v2)


def named_mentions(analysis: Analysis, kinds: tuple[str, ...]) -> list[tuple[int, Entity]]:
    """(offset, entity) of every named mention of an entity of `kinds`, in text order."""
    entities = {e.id: e for e in analysis.entities if e.kind in kinds and not e.anonymous}
    found = [(m.span[0], entities[m.entity_id]) for m in analysis.mentions
             if m.entity_id in entities and m.kind in NAMED_MENTIONS]  # fmt: skip
    return sorted(found, key=lambda item: item[0])


def names_fields(analysis: Analysis, kinds: tuple[str, ...]) -> tuple[str, str]:
    mentions = named_mentions(analysis, kinds)
    v1 = unique(clean(entity.name, ",;") for _offset, entity in mentions)
    v2 = [f"{clean(entity.name, ',;')},{offset}" for offset, entity in mentions]
    return ";".join(v1), ";".join(v2)


def tone_field(analysis: Analysis) -> str:
    tone = analysis.tone
    if tone is None:
        return ""
    values = [tone.tone, tone.positive, tone.negative, tone.polarity, tone.activity,
              tone.self_group]  # fmt: skip
    return ",".join([*map(tone_number, values), str(tone.word_count)])


DATE_VALUE = re.compile(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?")


def date_block(value: str | None) -> tuple[int, int, int, int] | None:
    """(resolution, month, day, year) of a TIMEX3 date value GDELT can hold, else None."""
    match = DATE_VALUE.fullmatch(value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if year == "XXXX":
        return (3, int(month), int(day), 0) if month and day else None
    if day:
        return 4, int(month), int(day), int(year)
    return (2, int(month), 0, int(year)) if month else (1, 0, 0, int(year))


def dates_field(analysis: Analysis) -> str:
    blocks = []
    for time in analysis.times:
        block = date_block(time.value) if time.type == "DATE" else None
        if block is not None:
            blocks.append("#".join(map(str, [*block, time.span[0]])))
    return ";".join(blocks)


def quotations_field(analysis: Analysis) -> str:
    blocks = []
    for quote in analysis.quotes:
        if quote.kind in QUOTATION_KINDS:
            start, end = quote.content_span
            fields = [start, end - start, clean(quote.cue or "", "|#"), clean(quote.content, "|#")]
            blocks.append("|".join(map(str, fields)))
    return "#".join(blocks)


def amounts_field(analysis: Analysis) -> str:
    return ";".join(
        f"{c.low},{clean(c.object or c.type, ',;')},{c.span[0]}"
        for c in analysis.counts if c.low is not None
    )  # fmt: skip


def extras_xml(analysis: Analysis) -> str:
    document = analysis.document
    xml = f"<PAGE_TITLE>{escape(document.title)}</PAGE_TITLE>" if document.title else ""
    if document.authors:
        xml += f"<PAGE_AUTHORS>{escape(';'.join(document.authors))}</PAGE_AUTHORS>"
    return xml


def gkg_row(analysis: Analysis, record_id: str, added: str) -> list[Any]:
    document = analysis.document
    tone = analysis.tone
    return [
        record_id, gdelt_timestamp(document.published, added), source_collection(document),
        source_name(document), document_identifier(document), *counts_fields(analysis),
        *themes_fields(analysis), *locations_fields(analysis),
        *names_fields(analysis, PERSON_KINDS), *names_fields(analysis, ORGANIZATION_KINDS),
        tone_field(analysis), dates_field(analysis),
        f"wc:{tone.word_count}" if tone is not None else "", "", "", "", "",
        quotations_field(analysis), names_fields(analysis, NAME_KINDS)[1],
        amounts_field(analysis), "", extras_xml(analysis),
    ]  # fmt: skip


def companion_record(analysis: Analysis, record_id: str) -> dict[str, Any]:
    """What the GKG row cannot hold: speakers, claimants, figures' ranges, tone toward actors."""
    names = {e.id: e.name for e in analysis.entities}

    def stance(count: Count) -> str | None:
        claim = next((c for c in analysis.claims if count.id in c.count_ids), None)
        return claim.stance if claim else None

    return {
        "GKGRECORDID": record_id, "document_id": analysis.document.id,
        "V2DOCUMENTIDENTIFIER": document_identifier(analysis.document),
        "quotations": [
            {"offset": q.content_span[0], "length": q.content_span[1] - q.content_span[0],
             "kind": q.kind, "speaker": names.get(q.speaker_entity_id or ""),
             "speaker_kind": q.speaker_kind, "channel": q.channel,
             "tone": asdict(q.tone) if q.tone else None}
            for q in analysis.quotes if q.kind in QUOTATION_KINDS
        ],
        "counts": [
            {"offset": c.span[0], "type": c.type, "gdelt_type": c.gdelt_type, "low": c.low,
             "high": c.high, "qualifier": c.qualifier, "number_text": c.number_text,
             "object": c.object, "claimant": count_claimant(analysis, c), "stance": stance(c)}
            for c in analysis.counts
        ],
        "claims": [
            {"offset": c.content_span[0], "claimant": claimant_name(analysis, c),
             "claimant_kind": c.claimant_kind, "cue": c.cue, "stance": c.stance}
            for c in analysis.claims
        ],
        "actor_tones": [
            {"name": names.get(a.entity_id), "tone": a.tone, "mentions": a.mentions,
             "positive": a.positive, "negative": a.negative}
            for a in analysis.actor_tones
        ],
    }  # fmt: skip


@register_exporter(
    "gdelt-gkg", "tsv", "GDELT Global Knowledge Graph 2.1 (27 tab-separated columns, no header) "
    "and a companion JSONL", companion="companion.jsonl",
)  # fmt: skip
def write_gdelt_gkg(
    store: Store, filters: EventFilter, out: TextIO, companion: Path | None = None
) -> int:
    added = export_timestamp()
    written = 0
    with companion_writer(companion) as extra:
        for document_id in select_document_ids(store, filters):
            analysis = get_analysis(store, document_id)
            if analysis is None or analysis.skipped:
                continue
            record_id = f"{added}-{written}"
            out.write(tsv_line(gkg_row(analysis, record_id, added)))
            extra(companion_record(analysis, record_id))
            written += 1
    return written
