"""Exports against the published column lists and field syntax, on a small analysed store."""

import csv
import io
import json
import re

import pytest

from newsgraph.export import export, exporters
from newsgraph.export.acled import acled_columns, fatality_value
from newsgraph.export.gdelt import gdelt_event_columns
from newsgraph.query import EventFilter, QueryError
from newsgraph.records import Count
from newsgraph.store import open_store


def run_export(news_db, name, filters=None):
    out = io.StringIO()
    with open_store(news_db) as store:
        written = export(name, store, filters or EventFilter(), out)
    return written, out.getvalue()


def test_exporters_registry_has_every_builtin_format():
    assert {"geojson", "acled", "gdelt", "gdelt-mentions", "gdelt-gkg", "plover", "jsonl",
            "parquet"} <= set(exporters())  # fmt: skip


def test_geojson_is_a_feature_collection_of_points(news_db):
    written, text = run_export(news_db, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert written == len(collection["features"]) > 0
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["type"] and feature["properties"]["document_id"]
    countries = {f["properties"]["country"] for f in collection["features"]}
    assert {"KZ", "KE"} <= countries


def test_acled_csv_has_the_codebook_columns(news_db):
    written, text = run_export(news_db, "acled")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(acled_columns()) == 31
    assert list(rows[0].keys()) == list(acled_columns())
    assert written == len(rows) > 0
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"])
        assert row["event_type"] in {
            "Battles",
            "Protests",
            "Riots",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Strategic developments",
        }
        assert row["fatalities"].isdigit()
        assert row["time_precision"] in {"1", "2", "3"}
    assert {row["country"] for row in rows} >= {"Kazakhstan", "Kenya"}


def test_acled_fatalities_follow_the_conservative_rule(news_db):
    _written, text = run_export(news_db, "acled", EventFilter(country="KZ"))
    rows = list(csv.DictReader(io.StringIO(text)))
    disputed = [row for row in rows if "differ" in row["notes"]]
    if disputed:  # 12 (health ministry) against dozens (local media, ACLED's 12): no dispute
        assert all(int(row["fatalities"]) <= 12 for row in disputed)
    assert max(int(row["fatalities"]) for row in rows) <= 12


@pytest.mark.parametrize(
    ("number_text", "qualifier", "low", "high", "expected"),
    [("dozens", "vague", 24, 99, 12), ("several", "vague", 3, 9, 10),
     ("hundreds", "vague", 200, 999, 100), ("more than 40", "at_least", 41, None, 41),
     ("12", "exact", 12, 12, 12)],
)  # fmt: skip
def test_fatality_value_uses_acleds_numbers_for_vague_words(
    number_text, qualifier, low, high, expected
):
    count = Count("c1", (0, 1), "x", "killed", low, high, qualifier, number_text=number_text)
    assert fatality_value(count) == expected


def test_gdelt_rows_have_61_tab_separated_fields(news_db):
    written, text = run_export(news_db, "gdelt")
    lines = text.splitlines()
    assert len(gdelt_event_columns()) == 61 and written == len(lines) > 0
    columns = gdelt_event_columns()
    for line in lines:
        fields = dict(zip(columns, line.split("\t"), strict=True))
        assert fields["GLOBALEVENTID"].isdigit()
        assert re.fullmatch(r"\d{8}", fields["SQLDATE"])
        assert fields["MonthYear"] == fields["SQLDATE"][:6]
        assert re.fullmatch(r"\d{2,4}", fields["EventCode"])
        assert fields["EventRootCode"] == fields["EventCode"][:2]
        assert fields["QuadClass"] in {"1", "2", "3", "4"}
        assert re.fullmatch(r"-?\d+\.\d{4}", fields["AvgTone"])  # the article's tone
        assert re.fullmatch(r"\d{14}", fields["DATEADDED"])
        assert fields["SOURCEURL"].startswith("https://news.example/")
        if fields["ActionGeo_Type"]:
            assert fields["ActionGeo_Type"] in {"1", "2", "3", "4", "5"}
            float(fields["ActionGeo_Lat"]), float(fields["ActionGeo_Long"])
    kenya = [line for line in lines if "\tKE\t" in line]
    assert kenya, "Kenya's FIPS code KE in ActionGeo_CountryCode"


def test_plover_records_carry_text_offsets(news_db):
    written, text = run_export(news_db, "plover")
    records = json.loads(text)
    assert written == len(records) > 0
    for record in records:
        assert {"id", "date", "event", "mode", "source", "target", "eventText", "text",
                "textInfo"} <= set(record)  # fmt: skip
        info = record["textInfo"]
        assert info["sentenceStart"] <= info["eventStart"] < info["eventEnd"] <= info["sentenceEnd"]


def test_export_filters_by_type_country_and_date(news_db):
    _n, text = run_export(news_db, "plover", EventFilter(types=["PROTEST"], country="KEN"))
    records = json.loads(text)
    assert records and all(r["event"] == "PROTEST" for r in records)
    assert all(r["geo"]["country"] == "KE" for r in records)
    _n, text = run_export(news_db, "plover", EventFilter(since="2023-01-01"))
    assert all(r["date"] >= "2023-01-01" for r in json.loads(text))
    with pytest.raises(QueryError):
        run_export(news_db, "plover", EventFilter(since="last week"))


def test_parquet_tables_read_back_with_pyarrow(news_db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with open_store(news_db) as store:
        export("parquet", store, EventFilter(), tmp_path / "pq")
    names = {"documents", "events", "event_actors", "counts", "quotes", "claims", "entities",
             "places"}  # fmt: skip
    assert names <= {p.stem for p in (tmp_path / "pq").glob("*.parquet")}
    documents = pq.read_table(tmp_path / "pq" / "documents.parquet")
    assert documents.num_rows == 2
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert events and all(e["event_key"].startswith(e["document_id"]) for e in events)
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows >= 1


def test_export_cli_writes_a_file(news_db, tmp_path):
    from newsgraph.cli import main

    out = tmp_path / "events.geojson"
    assert main(["export", "geojson", "--db", str(news_db), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert main(["export", "parquet", "--db", str(news_db)]) == 2  # a folder is needed


def test_gdelt_mentions_rows_have_16_fields_and_a_companion(news_db, tmp_path):
    from newsgraph.export.gdelt_mentions import gdelt_mention_columns

    out = tmp_path / "mentions.tsv"
    with open_store(news_db) as store:
        written = export("gdelt-mentions", store, EventFilter(), out)
        events = export("gdelt", store, EventFilter(), io.StringIO())
    lines = out.read_text(encoding="utf-8").splitlines()
    columns = gdelt_mention_columns()
    assert len(columns) == 16 and written == len(lines) >= events > 0
    for line in lines:
        fields = dict(zip(columns, line.split("\t"), strict=True))
        assert fields["GLOBALEVENTID"].isdigit()
        assert re.fullmatch(r"\d{14}", fields["EventTimeDate"])
        assert re.fullmatch(r"\d{14}", fields["MentionTimeDate"])
        assert fields["MentionType"] == "1" and fields["MentionSourceName"] == "news.example"
        assert int(fields["SentenceID"]) >= 1
        for name in ("Actor1CharOffset", "Actor2CharOffset"):
            assert re.fullmatch(r"-1|\d+", fields[name])
        assert fields["ActionCharOffset"].isdigit() and fields["InRawText"] in {"0", "1"}
        assert 10 <= int(fields["Confidence"]) <= 100
        assert int(fields["MentionDocLen"]) > int(fields["ActionCharOffset"])
        assert re.fullmatch(r"-?\d+\.\d{4}", fields["MentionDocTone"])
    extra = [json.loads(line) for line in (tmp_path / "mentions.companion.jsonl").open()]
    assert len(extra) == written and {"modality", "claim", "actors", "quotes"} <= set(extra[0])
    assert any(e["claim"] and e["claim"]["claimant"] for e in extra)


GKG_SYNTAX = {  # one block of each list field, per the GKG 2.1 codebook
    "V1COUNTS": r"[A-Z_]+#\d+#[^#;]*(#[^#;]*){7}",
    "V2.1COUNTS": r"[A-Z_]+#\d+#[^#;]*(#[^#;]*){7}#\d+",
    "V1THEMES": r"[A-Z0-9_]+",
    "V2ENHANCEDTHEMES": r"[A-Z0-9_]+,\d+",
    "V1LOCATIONS": r"[1-5]#[^#;]+#[A-Z]{2}#[A-Z0-9]*#-?\d+\.\d+#-?\d+\.\d+#\d*",
    "V2ENHANCEDLOCATIONS": r"[1-5]#[^#;]+#[A-Z]{2}#[A-Z0-9]*#[^#;]*#-?\d+\.\d+#-?\d+\.\d+#\d*#\d+",
    "V1PERSONS": r"[^,;]+",
    "V2ENHANCEDPERSONS": r"[^,;]+,\d+",
    "V2.1ENHANCEDDATES": r"[1-4]#\d{1,2}#\d{1,2}#\d{1,4}#\d+",
    "V2.1ALLNAMES": r"[^,;]+,\d+",
    "V2.1AMOUNTS": r"\d+,[^,;]+,\d+",
}


def test_gdelt_gkg_rows_follow_the_codebook(news_db, tmp_path):
    from newsgraph.export.gdelt_gkg import gdelt_gkg_columns

    out = tmp_path / "gkg.tsv"
    with open_store(news_db) as store:
        written = export("gdelt-gkg", store, EventFilter(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    columns = gdelt_gkg_columns()
    assert len(columns) == 27 and written == len(lines) == 2
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines]
    for row in rows:
        assert re.fullmatch(r"\d{14}-\d+", row["GKGRECORDID"])
        assert re.fullmatch(r"\d{14}", row["V2.1DATE"])
        assert row["V2SOURCECOLLECTIONIDENTIFIER"] == "1"
        assert row["V2DOCUMENTIDENTIFIER"].startswith("https://news.example/")
        for name, pattern in GKG_SYNTAX.items():
            for block in filter(None, row[name].split(";")):
                assert re.fullmatch(pattern, block), (name, block)
        tone = row["V1.5TONE"].split(",")
        assert len(tone) == 7 and float(tone[0]) < 0 and tone[6].isdigit()
        assert float(tone[0]) == pytest.approx(float(tone[1]) - float(tone[2]), abs=1e-3)
        assert row["V2GCAM"] == f"wc:{tone[6]}"
        for block in row["V2.1QUOTATIONS"].split("#"):
            offset, length, _verb, quote = block.split("|")
            assert offset.isdigit() and int(length) == len(quote)
        assert row["V2EXTRASXML"].startswith("<PAGE_TITLE>")
    almaty = rows[0]
    assert almaty["V2.1DATE"] == "20220106000000"
    assert "KILL#12#people#" in almaty["V1COUNTS"] and "ARREST#41#protesters#" in almaty["V1COUNTS"]
    assert {"PROTEST", "KILL", "FUEL_PRICES"} <= set(almaty["V1THEMES"].split(";"))
    assert "Kassym-Jomart Tokayev" in almaty["V1PERSONS"].split(";")
    assert "We only want fair prices" in almaty["V2.1QUOTATIONS"]
    extra = [json.loads(line) for line in (tmp_path / "gkg.companion.jsonl").open()]
    assert [e["GKGRECORDID"] for e in extra] == [r["GKGRECORDID"] for r in rows]
    speakers = {q["speaker"] for e in extra for q in e["quotations"]}
    assert {"Aigerim Nurlanova", "Wanjiru Kamau"} <= speakers
    assert any(c["claimant"] == "health ministry" for c in extra[0]["counts"])


def test_gdelt_gkg_selects_articles_by_theme_tone_and_event_filters(news_db):
    _n, text = run_export(news_db, "gdelt-gkg", EventFilter(country="KE"))
    assert [line.split("\t")[4] for line in text.splitlines()] == [
        "https://news.example/nairobi-levy"
    ]
    _n, text = run_export(news_db, "gdelt-gkg", EventFilter(theme="fuel_prices"))
    assert len(text.splitlines()) == 1 and "almaty-protest" in text
    written, _text = run_export(news_db, "gdelt-gkg", EventFilter(tone_min=0))
    assert written == 0
    written, _text = run_export(news_db, "gdelt-gkg", EventFilter(until="2023-01-01"))
    assert written == 1


def test_export_cli_filters_by_theme_and_tone(news_db, tmp_path, capsys):
    from newsgraph.cli import main

    out = tmp_path / "events.json"
    args = ["export", "plover", "--db", str(news_db), "--out", str(out)]
    assert main([*args, "--theme", "FUEL_PRICES", "--tone-max", "0"]) == 0
    records = json.loads(out.read_text())
    assert records and {r["textInfo"]["url"] for r in records} == {
        "https://news.example/almaty-protest"
    }
    assert main([*args, "--tone-min", "5", "--tone-max", "1"]) == 2
    assert "tone_min" in capsys.readouterr().err
    assert main([*args, "--tone-min", "50"]) == 0
    assert json.loads(out.read_text()) == []
    gkg = tmp_path / "gkg.tsv"
    assert main(["export", "gdelt-gkg", "--db", str(news_db), "--out", str(gkg)]) == 0
    assert (tmp_path / "gkg.companion.jsonl").exists()
