"""When two events from different articles are reports of the same real-world event."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from newsgraph.crossdoc.records import ClusterMember

SLACK_DAYS = 1  # time zones and "late on Thursday" reported as Friday
FACTUAL = frozenset({"asserted", "reported", "denied"})  # one event, disputed or not
PLACE_LEVEL = {"country": 0, "admin1": 1, "city": 2}  # region, historical: too vague to compare


def events_match(first: ClusterMember, second: ClusterMember) -> bool:
    """True when the two events are reports of one event: different articles, the same PLOVER
    type, compatible modality, overlapping days, and a place and actors that agree. The same
    place is enough; a nested or unknown place needs an actor in common too. In near-duplicate
    articles the same trigger is enough."""
    if first.document_id == second.document_id or first.type != second.type:
        return False
    if not modalities_match(first.modality, second.modality):
        return False
    if not days_overlap(first, second):
        return False
    if first.group_id == second.group_id and first.trigger == second.trigger:
        return True  # the same sentence in copies of one story: one report, whatever it lacks
    if actors_contradict(first, second):
        return False
    relation = place_relation(first.place, second.place)
    if relation == "different":
        return False
    if "unknown" in (first.time_basis, second.time_basis):
        return relation == "same" and actors_shared(first, second)
    return relation == "same" or actors_shared(first, second)


def modalities_match(first: str, second: str) -> bool:
    """Reports of what happened match each other; an order or a threat only its own kind."""
    return first == second or (first in FACTUAL and second in FACTUAL)


def days_overlap(first: ClusterMember, second: ClusterMember, slack: int = SLACK_DAYS) -> bool:
    return shift(first.day_low, -slack) <= second.day_high and (
        shift(second.day_low, -slack) <= first.day_high
    )


def shift(day: str, days: int) -> str:
    """The ISO day `days` later; the open bounds stay as they are."""
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return day


def place_relation(first: dict[str, Any] | None, second: dict[str, Any] | None) -> str:
    """same | nested (one contains the other) | different | unknown (either lacks a place or
    is too vague to compare)."""
    if first is None or second is None:
        return "unknown"
    if first["geonames_id"] is not None and first["geonames_id"] == second["geonames_id"]:
        return "same"
    if first["country"] and second["country"] and first["country"] != second["country"]:
        return "different"
    levels = (PLACE_LEVEL.get(first["precision"]), PLACE_LEVEL.get(second["precision"]))
    if None in levels:
        return "unknown"
    if min(levels) == 0:
        return "nested"
    admin1 = (first["admin1_code"], second["admin1_code"])
    if all(admin1) and admin1[0] != admin1[1]:
        return "different"
    if levels == (2, 2):  # two different cities (same ones share the GeoNames id)
        return "different"
    return "nested"


def actors_shared(first: ClusterMember, second: ClusterMember) -> bool:
    """A named actor in common. An actor of the same role, country and sector is not enough:
    every shooting in one country has "civilian victims" and "the police"."""
    return bool(set(first.actor_names) & set(second.actor_names))


def actors_contradict(first: ClusterMember, second: ClusterMember) -> bool:
    """Both name the countries of one role's actors and they have none in common."""
    for role in ("source", "target"):
        countries = [
            {key.split(":")[1] for key in member.actor_roles if key.startswith(role + ":")}
            for member in (first, second)
        ]
        if countries[0] and countries[1] and not countries[0] & countries[1]:
            return True
    return False
