"""Evidence spans as HTML: the clean text cut at every span edge, each piece wrapped in a <mark>
naming the kinds of records that cover it (overlaps keep all their kinds), HTML-escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from newsgraph.records import Analysis, Event

KINDS = ("trigger", "actor", "place", "time", "count", "quote")  # colour order in the legend


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    label: str  # shown on hover: "actor: Kazakh security forces (source)"


def highlight_html(text: str, marks: list[Mark]) -> str:
    """`text` as HTML paragraphs with every mark wrapped in <mark class="hl hl-KIND">."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    edges = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        chunk = escape(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if covering:
            kinds = sorted({m.kind for m in covering}, key=KINDS.index)
            title = escape("; ".join(dict.fromkeys(m.label for m in covering)))
            classes = " ".join(f"hl-{k}" for k in kinds)
            chunk = f'<mark class="hl {classes}" title="{title}">{chunk}</mark>'
        pieces.append(chunk)
    html = "".join(pieces)
    paragraphs = [p for p in html.split("\n\n")]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())


def _names(analysis: Analysis) -> dict[str, str]:
    return {e.id: e.name for e in analysis.entities}


def event_marks(analysis: Analysis, event: Event) -> list[Mark]:
    """The evidence of one event: trigger(s), actors, place, time, counts, quotes."""
    names = _names(analysis)
    marks = [Mark(*event.trigger_span, "trigger", f"trigger: {event.type}/{event.mode or '-'}")]
    marks += [Mark(*span, "trigger", "a later report of this event") for span in event.other_spans]
    for actor in event.actors:
        name = names.get(actor.entity_id or "", actor.text)
        marks.append(Mark(*actor.span, "actor", f"actor: {name} ({actor.role})"))
    for place in analysis.places:
        if place.id == event.place_id:
            marks.append(Mark(*place.span, "place", f"place: {place.name or place.text}"))
    for time in analysis.times:
        if time.id == event.time_id:
            marks.append(Mark(*time.span, "time", f"time: {time.value}"))
    for count in analysis.counts:
        if count.id in event.count_ids:
            marks.append(Mark(*count.span, "count", f"count: {count.type} {count.number_text}"))
    for quote in analysis.quotes:
        if quote.id in event.quote_ids:
            speaker = names.get(quote.speaker_entity_id or "", "unknown speaker")
            marks.append(Mark(*quote.content_span, "quote", f"quote: {speaker}"))
    return marks


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Every annotation of an article: event triggers, actor mentions, places, times, counts,
    quotes."""
    names = _names(analysis)
    marks = [
        Mark(*e.trigger_span, "trigger", f"event: {e.type}/{e.mode or '-'} [{e.modality}]")
        for e in analysis.events
    ]
    marks += [
        Mark(*m.span, "actor", f"actor: {names.get(m.entity_id, m.text)}")
        for m in analysis.mentions
    ]
    marks += [Mark(*p.span, "place", f"place: {p.name or p.text} ({p.country or '?'})")
              for p in analysis.places]  # fmt: skip
    marks += [Mark(*t.span, "time", f"time: {t.value}") for t in analysis.times]
    marks += [Mark(*c.span, "count", f"count: {c.type} {c.number_text}") for c in analysis.counts]
    marks += [
        Mark(*q.content_span, "quote", f"quote: {names.get(q.speaker_entity_id or '', 'unknown')}")
        for q in analysis.quotes
    ]
    return marks
