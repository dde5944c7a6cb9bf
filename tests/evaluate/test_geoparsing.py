"""The geoparsing scorer on tiny hand-made gold XML, and the CI floor on a dev subset."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import geoparsing
from newsgraph.evaluate.registry import load_floors, run_evaluator

FLOORS = load_floors()

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><text><![CDATA[Floods hit Paris, Texas and Lyon.]]></text>
    <toponyms count="3">
      <toponym><start>11</start><end>16</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon>
        </gaztag></toponym>
      <toponym><start>18</start><end>23</end><phrase>Texas</phrase>
        <gaztag geonameid="4736286"><name>Texas</name><lat>31.25044</lat><lon>-99.25061</lon>
        </gaztag></toponym>
      <toponym><start>28</start><end>32</end><phrase>Lyon</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
# GeoVirus offsets are one character off; the first location must be realigned
GEOVIRUS_XML = """<articles><article><source>x</source>
  <text>Ebola reached Liberia and then Texas.</text>
  <locations>
    <location><name>Liberia</name><start>15</start><end>22</end><lat>6.5</lat><lon>-9.5</lon>
    </location>
    <location><name>Texas</name><start>31</start><end>36</end><lat>31</lat><lon>-100</lon>
    </location>
  </locations></article></articles>
<!--<article><text></text></article>-->
"""
GWN_XML = """<articles><article file="1"><text>Turkey shells Afrin, a town in the north.</text>
  <toponyms>
    <toponym><extractedName>Turkey</extractedName><type>Metonymic</type><start>0</start>
      <end>6</end><geonamesID>298795</geonamesID><latitude>39</latitude><longitude>35</longitude>
    </toponym>
    <toponym><extractedName>town</extractedName><type>Literal_Expression</type><start>23</start>
      <end>27</end></toponym>
  </toponyms></article></articles>"""


def write_corpora(folder: Path) -> Path:
    (folder / "data" / "Corpora").mkdir(parents=True)
    (folder / "data" / "GWN.xml").write_text(GWN_XML, encoding="utf-8")
    (folder / "data" / "Corpora" / "lgl.xml").write_text(LGL_XML, encoding="utf-8")
    (folder / "data" / "Corpora" / "GeoVirus.xml").write_text(GEOVIRUS_XML, encoding="utf-8")
    (folder / "data" / "Corpora" / "TR-News.xml").write_text(LGL_XML, encoding="utf-8")
    return folder


def test_read_corpus_realigns_spans_one_character_off(tmp_path):
    write_corpora(tmp_path)
    (article,) = geoparsing.read_corpus(tmp_path / "data/Corpora/GeoVirus.xml", "GeoVirus")
    liberia, texas = article.toponyms
    assert (liberia.start, liberia.end, liberia.realigned) == (14, 21, True)
    assert article.text[texas.start : texas.end] == "Texas" and not texas.realigned


def test_read_corpus_keeps_only_gwn_toponym_types(tmp_path):
    write_corpora(tmp_path)
    (article,) = geoparsing.read_corpus(tmp_path / "data/GWN.xml", "GWN")
    assert [(t.name, t.geonames_id) for t in article.toponyms] == [("Turkey", 298795)]


def test_read_corpus_reads_lgl_gaztags_and_untagged_toponyms(tmp_path):
    write_corpora(tmp_path)
    (article,) = geoparsing.read_corpus(tmp_path / "data/Corpora/lgl.xml", "LGL")
    assert [(t.name, t.geonames_id) for t in article.toponyms] == [
        ("Paris", 4717560),
        ("Texas", 4736286),
        ("Lyon", None),
    ]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([(0, 5), (10, 15)], [(0, 5)], (1, 0, 1)),
        ([(0, 5)], [(2, 8), (3, 4)], (1, 1, 0)),  # one gold span matches one prediction
        ([], [(0, 3)], (0, 1, 0)),
    ],
)
def test_count_overlaps(gold, predicted, expected):
    assert geoparsing.count_overlaps(gold, predicted) == expected


def test_haversine_km():
    assert geoparsing.haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)


def test_evaluate_geoparsing_scores_every_corpus_with_the_published_keys(tmp_path):
    result = geoparsing.evaluate_geoparsing(write_corpora(tmp_path), None)
    assert set(result) == {"GWN", "LGL", "GeoVirus", "TR-News", "baseline"}
    keys = {"recognition_f1", "recognition_precision", "recognition_recall", "acc161", "exact",
            "median_km", "n", "realigned"}  # fmt: skip
    for corpus in ("GWN", "LGL", "GeoVirus", "TR-News"):
        assert set(result[corpus]) == keys
    assert result["LGL"]["n"] == 2  # Lyon has no gold coordinates
    assert result["LGL"]["acc161"] == 1.0  # Paris is the one in Texas, next to it
    assert result["GeoVirus"]["realigned"] == 1 and result["GeoVirus"]["exact"] is None
    assert result["GWN"]["exact"] == 1.0
    assert set(result["baseline"]["population"]) == {"GWN", "LGL", "GeoVirus", "TR-News"}


@pytest.mark.slow
def test_geoparsing_stays_above_floor():
    data_dir = eval_data("geoparsing")
    floor = FLOORS["geoparsing"]
    started = time.monotonic()
    result = run_evaluator("geoparsing", data_dir, floor["limit"])
    elapsed = time.monotonic() - started
    for corpus, minimum in floor["corpora"].items():
        for metric, value in minimum.items():
            assert result[corpus][metric] >= value, f"{corpus} {metric} {result[corpus][metric]}"
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"
