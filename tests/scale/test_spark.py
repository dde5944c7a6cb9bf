"""`newsgraph spark` in local mode on a few documents: the Parquet it writes holds the same
records as `newsgraph ingest` + `export parquet` of the same inputs. Skips without pyspark or
Java (the Makefile installs pyspark; Java 17 comes with the machine)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from helpers.warc import http_response, warc_record, write_warc

from newsgraph.scale.spark import NEEDS_JAVA, NEEDS_PYSPARK, input_files, spark_unavailable_reason

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
STORE_ONLY_COLUMNS = {"documents": {"run_id", "ingested_at"}}  # when each path stored it
NOT_WRITTEN = {"documents": {"run_id"}}  # the Spark job's batch stores' runs mean nothing

WARC_PAGE = b"""<html><head><title>Curfew extended in Almaty</title></head><body><article>
<h1>Curfew extended in Almaty</h1>
<p>ALMATY, Kazakhstan - Authorities extended a curfew in Almaty on Friday after two days of
clashes in which at least 12 people were killed, the interior ministry said.</p>
<p>Police detained 300 people overnight, a spokesman told reporters.</p>
</article></body></html>"""


def make_corpus(folder: Path) -> Path:
    """Two text files, one HTML page, a JSONL of two articles, a WARC of one page, a copy of
    one article (a duplicate) and a binary file (a failure)."""
    folder.mkdir()
    for name in ("karachi-power-cut-riots.txt", "nairobi-fuel-levy-protest.txt",
                 "lima-curfew-transport-strike.html", "wire.jsonl"):  # fmt: skip
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / "karachi-power-cut-riots.txt", folder / "zz-copy.txt")
    record = warc_record("https://news.example/almaty-curfew", http_response(WARC_PAGE))
    write_warc(folder / "crawl.warc", [record])
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("spark") / "corpus")


@pytest.fixture(scope="module")
def spark_run(corpus, tmp_path_factory):
    reason = spark_unavailable_reason()
    if reason:
        pytest.skip(reason)
    from newsgraph.scale.spark import run_spark_job

    out = tmp_path_factory.mktemp("spark-out")
    (out / "event_clusters").mkdir()  # as an earlier run would leave it: replaced, not kept
    (out / "event_clusters" / "part-0.parquet").write_bytes(b"stale")
    summary = run_spark_job([str(corpus)], out, master="local[2]", partitions=3)
    return summary, out


@pytest.fixture(scope="module")
def single_machine_tables(corpus, tmp_path_factory):
    from newsgraph.analyze import analyze_document
    from newsgraph.export.parquet import parquet_tables
    from newsgraph.ingest.core import ingest_sources
    from newsgraph.query import EventFilter
    from newsgraph.store import open_store

    with open_store(tmp_path_factory.mktemp("single") / "news.db") as store:
        ingest_sources([str(corpus)], store, analyze=analyze_document)
        return parquet_tables(store, EventFilter())


def canonical(rows: list[dict], dropped: set[str]) -> list[dict]:
    """Rows without the store-only columns, numbers as floats, sorted: comparable across paths."""

    def value(v):
        if isinstance(v, bool | int | float) and not (isinstance(v, float) and math.isnan(v)):
            return float(v)
        return [value(x) for x in v] if isinstance(v, list | tuple) else v

    cleaned = [{k: value(v) for k, v in row.items() if k not in dropped} for row in rows]
    return sorted(cleaned, key=repr)


def test_spark_job_writes_the_same_records_as_ingest_and_export(spark_run,
                                                                single_machine_tables):  # fmt: skip
    pq = pytest.importorskip("pyarrow.parquet")
    summary, out = spark_run
    compared = 0
    for table, expected in single_machine_tables.items():
        if not expected:
            assert not (out / table).exists(), table
            continue
        written = pq.read_table(out / table).to_pylist()
        dropped = STORE_ONLY_COLUMNS.get(table, set())
        assert list(written[0]) == [c for c in expected[0] if c not in NOT_WRITTEN.get(table, ())]
        assert canonical(written, dropped) == canonical(expected, dropped), table
        compared += 1
    assert compared >= 6  # documents, entities, places, counts, events, quotes ...
    assert summary.documents == len(single_machine_tables["documents"]) == 6


def test_spark_job_keeps_one_copy_of_a_duplicate_and_records_failures(spark_run):
    pq = pytest.importorskip("pyarrow.parquet")
    summary, out = spark_run
    assert (summary.files, summary.duplicates, summary.failed) == (7, 1, 1)
    sources = pq.read_table(out / "documents", columns=["source"]).column("source").to_pylist()
    assert not any(s.endswith("zz-copy.txt") for s in sources)  # the first copy is kept
    errors = pq.read_table(out / "errors").to_pylist()
    assert [(Path(e["source"]).name, e["code"]) for e in errors] == [("broken.txt", "E004")]
    assert summary.rows["events"] == pq.read_table(out / "events").num_rows > 0


def test_input_files_lists_a_folder_as_ingest_reads_it(corpus):
    from newsgraph.ingest.options import IngestOptions

    files = [Path(f).name for f in input_files([str(corpus)], IngestOptions())]
    assert files == sorted(files) and "zz-copy.txt" in files and len(files) == 7
    with pytest.raises(FileNotFoundError):
        input_files([str(corpus / "missing")], IngestOptions())


def test_spark_cli_says_what_is_missing(monkeypatch, tmp_path, capsys):
    from newsgraph import cli
    from newsgraph.scale import spark

    monkeypatch.setattr(spark, "spark_unavailable_reason", lambda: NEEDS_JAVA)
    code = cli.main(["spark", "--input", str(SAMPLES), "--output", str(tmp_path / "out")])
    assert code == 2 and NEEDS_JAVA in capsys.readouterr().err
    assert "pip install" in NEEDS_PYSPARK
