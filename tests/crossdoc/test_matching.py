from __future__ import annotations

import pytest

from newsgraph.crossdoc.matching import events_match, place_relation
from newsgraph.crossdoc.records import ClusterMember

ALMATY = {
    "name": "Almaty",
    "geonames_id": 1526384,
    "country": "KZ",
    "admin1_code": "02",
    "admin1_name": "Almaty",
    "precision": "city",
    "lat": None,
    "lon": None,
    "basis": None,
}
AKTAU = {**ALMATY, "name": "Aktau", "geonames_id": 610611, "admin1_code": "09"}
KAZAKHSTAN = {
    **ALMATY,
    "name": "Kazakhstan",
    "geonames_id": 1522867,
    "admin1_code": None,
    "precision": "country",
}
KYIV = {**ALMATY, "name": "Kyiv", "geonames_id": 703448, "country": "UA", "admin1_code": "12"}


def member(doc: str, **fields) -> ClusterMember:
    values = dict(document_id=doc, event_id="ev1", group_id="ag-" + doc, outlet=None,
                  published=None, type="ASSAULT", mode=None, modality="reported",
                  trigger="killed", day_low="2022-01-05", day_high="2022-01-07",
                  time_basis="published", place=ALMATY)  # fmt: skip
    return ClusterMember(**{**values, **fields})


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [(ALMATY, ALMATY, "same"), (ALMATY, KAZAKHSTAN, "nested"), (ALMATY, AKTAU, "different"),
     (ALMATY, KYIV, "different"), (ALMATY, None, "unknown")],
)  # fmt: skip
def test_place_relation(first, second, relation):
    assert place_relation(first, second) == relation


def test_events_match_same_place_type_and_days():
    assert events_match(member("a"), member("b"))


@pytest.mark.parametrize(
    "change",
    [{"type": "PROTEST"}, {"place": AKTAU}, {"day_low": "2022-02-01", "day_high": "2022-02-01"},
     {"modality": "threatened"}, {"document_id": "a"}],
)  # fmt: skip
def test_events_match_refuses(change):
    assert not events_match(member("a"), member("b", **change))


def test_events_match_nested_place_needs_a_shared_named_actor():
    assert not events_match(member("a"), member("b", place=KAZAKHSTAN))
    generic = {"actor_roles": ["source:KAZ:COP"]}  # "the police": every story has them
    assert not events_match(member("a", **generic), member("b", place=KAZAKHSTAN, **generic))
    named = {"actor_names": ["kassym-jomart tokayev"]}
    assert events_match(member("a", **named), member("b", place=KAZAKHSTAN, **named))


def test_events_match_actor_countries_contradict():
    first = member("a", actor_roles=["source:KAZ:COP"])
    assert not events_match(first, member("b", actor_roles=["source:RUS:MIL"]))


def test_events_match_copies_of_one_story_by_trigger():
    first, second = member("a", place=None), member("b", place=None, group_id="ag-a")
    assert events_match(first, second)
    assert not events_match(first, member("b", place=None))
