"""Framings: the scare-quoted labels each side puts on the actors ("terrorist bandits"), with
who used them."""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.crossdoc.duplicates import outlet_name
from newsgraph.crossdoc.records import Framing
from newsgraph.records import Analysis, Event, Span


def collect_framings(analysis: Analysis, events: Iterable[Event] | None = None) -> list[Framing]:
    """Every label (Quote.kind == "label") in the document, or only those in the sentences of
    `events`, with its speaker and the actor phrase it names where it sits in one."""
    only_these = events is not None
    events = list(analysis.events if events is None else events)
    entities = {entity.id: entity.name for entity in analysis.entities}
    actor_phrases = [(actor.span, actor.text) for event in events for actor in event.actors]
    actor_phrases += [(c.object_span, c.object) for c in analysis.counts if c.object_span]
    sentences = [event.sentence_span for event in events]
    framings = []
    for quote in analysis.quotes:
        if quote.kind != "label":
            continue
        if only_these and not any(overlaps(quote.content_span, s) for s in sentences):
            continue
        target = next(
            (text for span, text in actor_phrases if overlaps(quote.content_span, span)), None
        )
        framings.append(
            Framing(
                label=quote.content,
                speaker=entities.get(quote.speaker_entity_id or ""),
                speaker_entity_id=quote.speaker_entity_id,
                target=target,
                document_id=analysis.document.id,
                quote_id=quote.id,
                outlet=outlet_name(analysis.document),
                published=analysis.document.published,
            )
        )
    return framings


def overlaps(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]
