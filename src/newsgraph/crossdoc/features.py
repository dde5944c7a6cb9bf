"""What an event is matched on across documents: its type, the days it may have happened on,
its place and its actors, read from the analysis of its document."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from newsgraph.crossdoc.duplicates import outlet_name
from newsgraph.crossdoc.records import ClusterMember
from newsgraph.records import Analysis, Event, Place

# An article without a date for its event reports something from the last few days: news
# reports on the day of publication or the days just before it.
REPORTING_LAG_DAYS = 2
UNKNOWN_LOW, UNKNOWN_HIGH = "0001-01-01", "9999-12-31"  # no time at all: any day


def event_features(analysis: Analysis, event: Event, group_id: str) -> ClusterMember:
    """The member record of `event`: what clustering compares, without the whole analysis."""
    document = analysis.document
    day_low, day_high, basis = event_days(analysis, event)
    entities = {entity.id: entity for entity in analysis.entities}
    names = sorted(
        {
            entities[actor.entity_id].name.lower()
            for actor in event.actors
            if actor.entity_id in entities
            and entities[actor.entity_id].kind in ("person", "organization", "media")
            and not entities[actor.entity_id].anonymous
        }
    )
    roles = sorted(
        {f"{a.role}:{a.country}:{a.sector}" for a in event.actors if a.country and a.sector}
    )
    places = {place.id: place for place in analysis.places}
    return ClusterMember(
        document_id=document.id,
        event_id=event.id,
        group_id=group_id,
        outlet=outlet_name(document),
        published=document.published,
        type=event.type,
        mode=event.mode,
        modality=event.modality,
        trigger=event.trigger.lower(),
        day_low=day_low,
        day_high=day_high,
        time_basis=basis,
        place=place_summary(places.get(event.place_id or ""), event.place_basis),
        actor_names=names,
        actor_roles=roles,
    )


def event_days(analysis: Analysis, event: Event) -> tuple[str, str, str]:
    """(first day, last day, basis): the event's own time expression where it gives days, else
    the few days before publication, else any day."""
    times = {time.id: time for time in analysis.times}
    time = times.get(event.time_id or "")
    if time is not None and is_iso_day(time.low) and is_iso_day(time.high):
        return time.low[:10], time.high[:10], "text"
    published = analysis.document.published
    if is_iso_day(published):
        day = date.fromisoformat(published[:10])
        return (day - timedelta(days=REPORTING_LAG_DAYS)).isoformat(), day.isoformat(), "published"
    return UNKNOWN_LOW, UNKNOWN_HIGH, "unknown"


def is_iso_day(value: str | None) -> bool:
    if not value or len(value) < 10:
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def place_summary(place: Place | None, basis: str | None) -> dict[str, Any] | None:
    """The fields of a place that matching and the canonical place use."""
    if place is None or (place.geonames_id is None and place.country is None):
        return None
    return {
        "name": place.name or place.text,
        "geonames_id": place.geonames_id,
        "country": place.country,
        "admin1_code": place.admin1_code,
        "admin1_name": place.admin1_name,
        "precision": place.precision,
        "lat": place.lat,
        "lon": place.lon,
        "basis": basis,  # clause (the text says where) | dateline (where the article was filed)
    }
