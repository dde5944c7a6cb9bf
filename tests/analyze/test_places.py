"""Places: toponym recognition, resolution with dateline and context, the focus location."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.analyze import analyze_document, load_pipeline
from newsgraph.analyze.places import ResolveContext, resolve_toponyms
from newsgraph.records import Dateline, Document


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    """The first occurrence of each name, as a character span."""
    return [(text.index(n), text.index(n) + len(n)) for n in names]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def analyze(nlp, text: str, dateline: Dateline | None = None):
    document = Document(text=text, source="test", source_kind="text", dateline=dateline)
    return analyze_document(document, nlp)


def test_resolve_toponyms_uses_the_dateline_state():
    text = "PARIS, Texas - The mayor of Paris said the road would reopen."
    dateline = Dateline(text="PARIS, Texas", place="Paris", region="Texas", span=(0, 12))
    places = resolve_toponyms(text, spans_of(text, "Paris said"[:5]), ResolveContext(dateline))
    assert (places[0].country, places[0].admin1_code) == ("US", "TX")
    assert places[0].reason == "dateline"


def test_resolve_toponyms_without_context_prefers_the_big_city():
    text = "The mayor of Paris said the road would reopen."
    (place,) = resolve_toponyms(text, spans_of(text, "Paris"))
    assert (place.country, place.feature_code, place.precision) == ("FR", "PPLC", "city")


def test_resolve_toponyms_puts_a_city_in_the_state_named_next_to_it():
    text = "He grew up in Alexandria, Louisiana, before moving away."
    place, state = resolve_toponyms(text, spans_of(text, "Alexandria", "Louisiana"))
    assert (place.country, place.admin1_code, place.admin1_name) == ("US", "LA", "Louisiana")
    assert state.precision == "admin1"


def test_resolve_toponyms_does_not_let_a_repeated_name_vote_for_itself():
    """Seven mentions of Alexandria read as Egypt's must not outweigh Virginia."""
    text = "Alexandria police said. " * 3 + "The Virginia city. " + "Alexandria again. " * 4
    starts = [i for i in range(len(text)) if text.startswith("Alexandria", i)]
    spans = sorted([(i, i + 10) for i in starts] + spans_of(text, "Virginia"))
    places = resolve_toponyms(text, spans)
    assert {(p.country, p.admin1_code) for p in places} == {("US", "VA")}


def test_resolve_toponyms_settles_two_ambiguous_names_next_to_each_other():
    """Athens and Henderson County are each ambiguous; only in Texas are they close (Athens
    is that county's seat), so each settles there."""
    text = "The Athens council met; Henderson County officials said."
    athens, county = resolve_toponyms(text, spans_of(text, "Athens", "Henderson County"))
    assert (athens.country, athens.admin1_code) == ("US", "TX")
    assert (county.country, county.admin1_code) == ("US", "TX")


def test_resolve_toponyms_reads_demonyms_and_adjectives():
    text = "Chinese and Kazakh officials met a Russian-led delegation."
    places = resolve_toponyms(text, spans_of(text, "Chinese", "Kazakh", "Russian-led"))
    assert [(p.country, p.form) for p in places] == [
        ("CN", "demonym"),
        ("KZ", "demonym"),
        ("RU", "adjective"),
    ]


def test_resolve_toponyms_keeps_an_unknown_name_unresolved():
    text = "They met in Zzyzxqua."
    (place,) = resolve_toponyms(text, spans_of(text, "Zzyzxqua"))
    assert place.geonames_id is None and place.reason == "not in gazetteer"


def test_places_stage_finds_nur_sultan_and_a_region_but_not_people(nlp):
    text = (
        "President Nursultan Nazarbayev moved the capital to Astana, which was later renamed "
        "Nur-Sultan. Tokayev said Central Asia was calm."
    )
    analysis = analyze(nlp, text)
    found = {p.text: p for p in analysis.places}
    assert found["Nur-Sultan"].geonames_id == 1526273
    assert found["Central Asia"].precision == "region"
    assert not {"Nazarbayev", "Nursultan Nazarbayev", "Tokayev"} & set(found)


def test_places_stage_reads_turkey_in_a_list_of_presidents_as_the_country(nlp):
    text = "He thanked the presidents of Uzbekistan, Turkey, and Kyrgyzstan for their support."
    found = {p.text: p for p in analyze(nlp, text).places}
    assert (found["Turkey"].country, found["Turkey"].feature_code) == ("TR", "PCLI")


def test_places_stage_focus_is_the_dateline_place(nlp):
    text = "ALMATY, Kazakhstan. — Protests spread from Almaty to other cities in Kazakhstan."
    dateline = Dateline(
        text="ALMATY, Kazakhstan", place="Almaty", region="Kazakhstan", span=(0, 18)
    )
    analysis = analyze(nlp, text, dateline)
    focus = next(p for p in analysis.places if p.id == analysis.focus_place_id)
    assert (focus.geonames_id, focus.span) == (1526384, (0, 6))


def test_places_stage_focus_without_dateline_is_the_most_mentioned_place(nlp):
    text = "Floods hit Lagos on Monday. Lagos officials said Nigeria would send help to Lagos."
    analysis = analyze(nlp, text)
    focus = next(p for p in analysis.places if p.id == analysis.focus_place_id)
    assert focus.name == "Lagos" and focus.country == "NG"


EXPECTED_EXAMPLE_PLACES = [  # (text in the article, GeoNames id or None, country, precision)
    ("Kazakhstan", 1522867, "KZ", "country"),
    ("Almaty", 1526384, "KZ", "city"),
    ("Russia", 2017370, "RU", "country"),
    ("Chinese", 1814991, "CN", "country"),
    ("Uzbekistan", 1512440, "UZ", "country"),
    ("Turkey", 298795, "TR", "country"),
    ("Central Asia", None, None, "region"),
    ("Eastern Europe", None, None, "region"),
    ("Astana", 1526273, "KZ", "city"),
    ("Nur-Sultan", 1526273, "KZ", "city"),
    ("Soviet", None, "SU", "historical"),
]


def test_running_example_places(example_path, nlp):
    document = newsgraph.extract(example_path, published="2022-01-07")
    document = getattr(document, "document", document)  # extract returns an Analysis
    analysis = analyze_document(document, nlp)
    found = {(p.text, p.geonames_id, p.country, p.precision) for p in analysis.places}
    for expected in EXPECTED_EXAMPLE_PLACES:
        assert expected in found, expected
    focus = next(p for p in analysis.places if p.id == analysis.focus_place_id)
    assert (focus.text, focus.geonames_id) == ("ALMATY", 1526384)
    names = {p.text for p in analysis.places}
    assert not {"Nazarbayev", "Tokayev", "Nursultan Nazarbayev"} & names
