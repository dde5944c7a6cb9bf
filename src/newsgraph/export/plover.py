"""PLOVER JSON: one record per event with the fields of the PLOVER specification (as its gold
standard records write them: id, date, event, mode, context, source/target actor lists with
actorText, code and sector, eventText, eventLoc, size, dead, injured, text, language) and
`textInfo` with the offsets of the evidence in the article's clean text."""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsgraph.export import register_exporter
from newsgraph.query import EventFilter, EventView, iter_event_views
from newsgraph.store import Store


def _figure(view: EventView, kinds: tuple[str, ...]) -> int | str:
    counts = [c for c in view.counts if c.type in kinds]
    if not counts:
        return ""
    count = counts[0]
    return count.low if count.low is not None else (count.number_text or "")


def plover_record(view: EventView) -> dict[str, Any]:
    event, document, place = view.event, view.analysis.document, view.place

    def actors(role: str) -> list[dict[str, Any]]:
        return [
            {"actorText": a.text, "code": (a.country or "") + (a.sector or ""),
             "sector": a.sector or "", "entity": view.entity_name(a.entity_id),
             "start": a.span[0], "end": a.span[1]}
            for a in event.actors_in(role)
        ]  # fmt: skip

    start, end = event.sentence_span
    return {
        "id": view.id,
        "date": view.date or "",
        "event": event.type,
        "mode": event.mode or "",
        "context": ", ".join(event.contexts),
        "source": actors("source"),
        "target": actors("target"),
        "eventText": event.trigger,
        "eventLoc": (place.name or place.text) if place else "",
        "modality": event.modality,
        "size": _figure(view, ("crowd", "deployed", "detained", "displaced")),
        "dead": _figure(view, ("killed",)),
        "injured": _figure(view, ("injured",)),
        "text": document.text[start:end],
        "language": document.language or "en",
        "textInfo": {
            "documentId": document.id, "headline": document.title, "publisher": document.outlet,
            "url": document.url, "storyDate": (document.published or "")[:10],
            "sentenceStart": start, "sentenceEnd": end,
            "eventStart": event.trigger_span[0], "eventEnd": event.trigger_span[1],
            "locStart": place.span[0] if place else None,
            "locEnd": place.span[1] if place else None,
        },
        "geo": {
            "lat": place.lat, "lon": place.lon, "country": place.country,
            "admin1": place.admin1_name, "geonamesId": place.geonames_id,
        } if place else None,
        "cameo": event.cameo,
        "quadClass": event.quad_class,
        "confidence": event.confidence,
    }  # fmt: skip


@register_exporter("plover", "json", "PLOVER event records (JSON array, with text offsets)")
def write_plover(store: Store, filters: EventFilter, out: TextIO) -> int:
    records = [plover_record(view) for view in iter_event_views(store, filters)]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)
