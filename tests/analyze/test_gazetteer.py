"""The gazetteer index: names, demonyms, regions, historical names, and its on-disk cache."""

from __future__ import annotations

import pickle

import pytest

from newsgraph.analyze import gazetteer as gz


@pytest.fixture(scope="module")
def index() -> gz.Gazetteer:
    return gz.load_gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nur-Sultan", "nur sultan"),
        ("U.S.", "us"),
        ("Almatý", "almaty"),
        ("St. Louis", "saint louis"),
    ],
)
def test_normalize_name_folds_case_accents_dots_and_abbreviations(name, key):
    assert gz.normalize_name(name) == key


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [("Almaty", 1526384), ("Nur-Sultan", 1526273), ("Astana", 1526273), ("Kazakhstan", 1522867)],
)
def test_lookup_finds_the_place(index, name, geonames_id):
    assert geonames_id in [index.entries[i][0] for i in index.lookup(name)]


def test_lookup_marks_matches_by_alternate_name_only(index):
    # GeoNames lists "Liverpool" among Washington DC's old names
    found = {index.entries[i][1]: alternate for i, alternate in index.candidates("Liverpool")}
    assert found["Liverpool"] is False


@pytest.mark.parametrize(
    ("form", "country"), [("Kazakh", "KZ"), ("Chinese", "CN"), ("Russian", "RU")]
)
def test_demonyms_point_to_their_country(index, form, country):
    entry = index.entry(index.demonyms[form])
    assert (entry.country, entry.feature_code) == (country, "PCLI")


def test_soviet_is_the_historical_soviet_union(index):
    entry = index.entry(index.demonyms["Soviet"])
    assert (entry.name, entry.precision, entry.country) == ("Soviet Union", "historical", "SU")


@pytest.mark.parametrize("name", ["Central Asia", "Eastern Europe", "Middle East"])
def test_world_regions_are_indexed(index, name):
    entries = [index.entry(i) for i in index.lookup(name)]
    assert any(e.precision == "region" for e in entries)


def test_admin1_names_and_state_abbreviations(index):
    assert index.admin1_name("KZ", "02") == "Almaty"
    assert [index.entry(i).name for i in index.lookup("Calif.")] == ["California"]
    assert [index.entry(i).name for i in index.lookup("W. Va.")] == ["West Virginia"]


def test_only_the_capital_itself_is_a_capital(index):
    """Washington, DC is the US capital; Washington, Indiana is a town of the same name."""
    capitals = [
        index.entry(i) for i in index.lookup("Washington") if index.entry(i).feature_code == "PPLC"
    ]
    assert [(e.country, e.admin1_code) for e in capitals] == [("US", "DC")]


def test_cache_is_reused_and_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    built = []
    tiny = gz.Gazetteer([], {}, {}, {}, {}, {}, {"cities": "test"})
    monkeypatch.setattr(gz, "build_gazetteer", lambda cities: built.append(cities) or tiny)
    path = gz.cache_path("cities15000", tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle")  # a partial write from an interrupted run
    gz.load_gazetteer.cache_clear()
    try:
        assert gz.load_gazetteer("cities15000", tmp_path).meta["cities"] == "test"
        assert isinstance(pickle.loads(path.read_bytes()), gz.Gazetteer)
        gz.load_gazetteer.cache_clear()
        gz.load_gazetteer("cities15000", tmp_path)
        assert built == ["cities15000"]  # the second load read the cache
        assert not list(tmp_path.glob("*.tmp"))  # the atomic write left no temporary file
    finally:
        gz.load_gazetteer.cache_clear()
