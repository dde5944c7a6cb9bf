"""GDELT 2.0 Mentions TSV: the codebook's 16 columns (data/gdelt_mention_columns.txt), no header,
tab-separated: one row per report of an event in its article (its trigger, then the triggers of
later reports merged into it: the Events export's NumMentions rows).

What fills what: GLOBALEVENTID as in the Events export (gdelt.py); EventTimeDate is the export's
DATEADDED (the Events export's, when both are written in the same minute); MentionTimeDate the
article's publication (YYYYMMDDHHMMSS, a day at 000000), else the export time; MentionType 1 WEB
for an article with a URL, 2 CITATIONONLY for a file; MentionSourceName the URL's domain (else
the outlet); SentenceID the 1-based sentence of the report; Actor1/Actor2CharOffset the first
source/target actor's offset in the first report (-1 where the actor is unknown there, as GDELT
writes); ActionCharOffset the trigger's; InRawText 0 when an actor is only a pronoun (resolved by
coreference), else 1; Confidence the event's confidence in percent (10-100); MentionDocLen the
clean text's length; MentionDocTone the article's V1.5 tone. TranslationInfo and Extras empty.

What the format has no column for goes to the companion JSONL ("mentions.tsv" ->
"mentions.companion.jsonl"), one line per row with its GLOBALEVENTID and ActionCharOffset: the
event's modality and its cue, the claim it rests on (claimant, cue, stance), its actors by name,
and the speakers of the quotes about it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from newsgraph.export import data_lines, register_exporter
from newsgraph.export.common import claimant_name, companion_writer
from newsgraph.export.gdelt import (
    avg_tone,
    document_identifier,
    export_timestamp,
    gdelt_timestamp,
    global_event_id,
    source_collection,
    source_name,
    tsv_line,
)  # fmt: skip
from newsgraph.query import EventFilter, EventView, iter_event_views
from newsgraph.records import EventActor, Span
from newsgraph.store import Store

# A sentence ends at . ! or ? (closing quotes and brackets after it) before a capital, a digit or
# an opening quote, or at a line break.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")


@cache
def gdelt_mention_columns() -> tuple[str, ...]:
    return data_lines("gdelt_mention_columns.txt")


def sentence_number(text: str, offset: int) -> int:
    """The 1-based number of the sentence holding character `offset`."""
    number = 1
    for match in SENTENCE_END.finditer(text):
        if match.end() > offset:
            break
        number += 1
    return number


def actor_offset(actor: EventActor | None) -> int:
    return actor.span[0] if actor is not None else -1


def in_raw_text(view: EventView, actors: list[EventActor]) -> int:
    """0 when an actor is named only by a pronoun here (coreference found it), else 1."""
    pronouns = {m.span for m in view.analysis.mentions if m.kind == "pronoun"}
    return 0 if any(actor.span in pronouns for actor in actors) else 1


def confidence(view: EventView) -> int:
    return max(10, min(100, round(view.event.confidence * 100)))


def mention_row(view: EventView, span: Span, first: bool, added: str) -> list[Any]:
    event, document = view.event, view.analysis.document
    sources, targets = event.actors_in("source"), event.actors_in("target")
    source = sources[0] if sources and first else None
    target = targets[0] if targets and first else None
    return [
        global_event_id(view.id), added, gdelt_timestamp(document.published, added),
        source_collection(document), source_name(document), document_identifier(document),
        sentence_number(document.text, span[0]), actor_offset(source), actor_offset(target),
        span[0], in_raw_text(view, [a for a in (source, target) if a is not None]),
        confidence(view), len(document.text), avg_tone(view), "", "",
    ]  # fmt: skip


def companion_record(view: EventView, span: Span) -> dict[str, Any]:
    """What the Mentions row cannot hold: modality, the claim behind the report, names."""
    analysis, event, claim = view.analysis, view.event, view.claim
    return {
        "GLOBALEVENTID": global_event_id(view.id), "event_id": view.id,
        "MentionIdentifier": document_identifier(analysis.document), "ActionCharOffset": span[0],
        "modality": event.modality, "modality_cue": event.modality_cue,
        "claim": None if claim is None else {
            "claimant": claimant_name(analysis, claim), "claimant_kind": claim.claimant_kind,
            "cue": claim.cue, "stance": claim.stance,
        },
        "actors": [
            {"role": a.role, "text": a.text, "name": view.entity_name(a.entity_id),
             "offset": a.span[0], "country": a.country, "sector": a.sector}
            for a in event.actors
        ],
        "quotes": [
            {"offset": q.content_span[0], "speaker": view.entity_name(q.speaker_entity_id),
             "speaker_kind": q.speaker_kind, "cue": q.cue}
            for q in view.quotes
        ],
    }  # fmt: skip


@register_exporter("gdelt-mentions", "tsv", "GDELT 2.0 Mentions (16 tab-separated columns, no "
                   "header) and a companion JSONL", companion="companion.jsonl")  # fmt: skip
def write_gdelt_mentions(
    store: Store, filters: EventFilter, out: TextIO, companion: Path | None = None
) -> int:
    added = export_timestamp()
    written = 0
    with companion_writer(companion) as extra:
        for view in iter_event_views(store, filters):
            for index, span in enumerate([view.event.trigger_span, *view.event.other_spans]):
                out.write(tsv_line(mention_row(view, span, index == 0, added)))
                extra(companion_record(view, span))
                written += 1
    return written
