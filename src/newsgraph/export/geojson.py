"""GeoJSON (RFC 7946): one Point feature per event whose place has coordinates."""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsgraph.export import register_exporter
from newsgraph.export.common import actor_names, claimant, figure
from newsgraph.query import EventFilter, EventView, iter_event_views
from newsgraph.store import Store


def event_feature(view: EventView) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature, or None when its place has no coordinates."""
    place = view.place
    if place is None or place.lat is None or place.lon is None:
        return None
    event, document = view.event, view.analysis.document
    return {
        "type": "Feature",
        "id": view.id,
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
        "properties": {
            "id": view.id, "type": event.type, "mode": event.mode, "modality": event.modality,
            "date": view.date, "trigger": event.trigger, "cameo": event.cameo,
            "quad_class": event.quad_class, "acled_event_type": event.acled_event_type,
            "acled_sub_event_type": event.acled_sub_event_type,
            "place": place.name or place.text, "country": place.country,
            "geonames_id": place.geonames_id, "precision": place.precision,
            "place_basis": event.place_basis,
            "sources": actor_names(view, "source"), "targets": actor_names(view, "target"),
            "counts": [
                {"type": c.type, "low": c.low, "high": c.high, "qualifier": c.qualifier,
                 "figure": figure(c), "claimant": claimant(view, c)}
                for c in view.counts
            ],
            "document_id": document.id, "title": document.title, "outlet": document.outlet,
            "url": document.url, "confidence": event.confidence,
        },
    }  # fmt: skip


def feature_collection(views: Any) -> dict[str, Any]:
    features = [f for f in (event_feature(v) for v in views) if f is not None]
    return {"type": "FeatureCollection", "features": features}


@register_exporter("geojson", "geojson", "events with coordinates as GeoJSON Points")
def write_geojson(store: Store, filters: EventFilter, out: TextIO) -> int:
    collection = feature_collection(iter_event_views(store, filters))
    json.dump(collection, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(collection["features"])
