"""`newsgraph spark`: the unchanged analyzer as a PySpark job, writing the Parquet export's tables.

The driver only lists the input files (a folder's files in the order ingest reads them). Each
file is one task: an executor reads it with newsgraph's own readers (`iter_documents`: text,
HTML, JSONL lines, WARC records), so the records are parsed where they are analysed. Documents
are keyed by their id (a hash of the clean text) and a copy met twice is kept once, the first
in input order, as `newsgraph ingest` keeps it. `mapPartitions` then runs `analyze_documents`
(the spaCy pipeline is loaded once per Python worker, so at most once per partition) and turns
each batch of analyses into the export's rows by storing the batch in an in-memory SQLite store
and asking `export.parquet.parquet_tables` for them: the tables, their columns and the derived
fields (event keys, event dates, quotes, claims) are the export's own, not a copy. Each table is
written by Spark to OUTPUT/<table>/ (part files; read the folder with pyarrow, pandas, polars,
DuckDB or Spark). Inputs that fail and analysis stages that fail are rows of OUTPUT/errors/.

Cross-document clusters are not built here: run `newsgraph cluster` on a store for those.
Local mode needs Java 17+; on a cluster the executors need newsgraph and the spaCy model
installed in their Python (see the README) and the input paths on a filesystem they all see.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsgraph.errors import Rejected
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.sources import RawInput, folder_files
from newsgraph.records import Analysis, Document

ERRORS_TABLE = "errors"
BATCH_DOCUMENTS = 200  # analyses per in-memory store when building rows (bounds its memory)
DOCUMENT_ROW_DROPPED = ("run_id",)  # the batch store's run: meaningless outside it

# The reason given when the job cannot run, for the CLI and the tests' skip messages.
NEEDS_PYSPARK = "needs pyspark (pip install 'newsgraph[spark]')"
NEEDS_JAVA = "needs Java 17 or newer for Spark (java on PATH or $JAVA_HOME)"


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing."""


@dataclass
class SparkSummary:
    files: int = 0
    documents: int = 0  # distinct documents analysed (the rows of `documents`)
    duplicates: int = 0  # copies of a document met again, not analysed twice
    failed: int = 0  # inputs that could not be read or cleaned
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table

    def describe(self) -> str:
        tables = ", ".join(f"{name} {count}" for name, count in self.rows.items())
        return (
            f"{self.files} files: {self.documents} documents, {self.duplicates} duplicates, "
            f"{self.failed} failed; rows: {tables}"
        )


def spark_unavailable_reason() -> str | None:
    """Why the job cannot run here (pyspark or Java missing), or None when it can."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return NEEDS_PYSPARK
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and not shutil.which("java"):
        return NEEDS_JAVA
    return None


def input_files(paths: Iterable[str], options: IngestOptions) -> list[str]:
    """The files to read, in ingest's order: each path, a folder's files recursively."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            files += [str(f) for f in folder_files(Path(path).resolve(), options)]
        elif os.path.isfile(path):
            files.append(str(Path(path).resolve()))
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def read_file(item: tuple[int, str], options: IngestOptions) -> Iterator[tuple[str, Any]]:
    """(On an executor.) The documents of one file as ("document", (order, id, document dict))
    and its failures as ("errors", JSON row)."""
    from newsgraph.ingest.core import iter_documents

    index, path = item
    failures: list[tuple[RawInput, Rejected]] = []
    pairs = iter_documents([path], options, lambda raw, why: failures.append((raw, why)))
    for number, (_raw, document) in enumerate(pairs):
        yield "document", ((index, number), document.id, document.to_dict())
    for raw, rejection in failures:
        row = {"source": raw.source, "stage": rejection.stage, "code": rejection.reason.code,
               "message": str(rejection)}  # fmt: skip
        yield ERRORS_TABLE, json.dumps(row, ensure_ascii=False)


def analyze_partition(items: Iterable[tuple[Any, str, dict]]) -> Iterator[tuple[str, str]]:
    """(On an executor.) Analyse a partition's documents with the unchanged analyzer and yield
    (table, JSON row) for every row of the export's tables, and of errors."""
    from newsgraph.analyze import analyze_documents

    documents = (Document.from_dict(record) for _order, _id, record in items)
    analyses = analyze_documents(documents)  # lazy and batched; the pipeline is loaded once
    while batch := list(islice(analyses, BATCH_DOCUMENTS)):
        yield from table_rows(batch)


def table_rows(analyses: list[Analysis]) -> Iterator[tuple[str, str]]:
    """The export's table rows of these analyses, built by the export itself from a store."""
    from newsgraph.export.parquet import parquet_tables
    from newsgraph.query import EventFilter
    from newsgraph.store.sqlite import SQLiteStore

    errors = []
    with SQLiteStore(":memory:") as store:
        run_id = store.begin_run("spark", [])
        for analysis in analyses:
            store.save_document(analysis.document, "", run_id, analysis)
            for error in analysis.errors:
                message = f"E020 analysis stage failed: {error.message}"
                errors.append({"source": analysis.document.source, "stage": error.stage,
                               "code": "E020", "message": message})  # fmt: skip
        tables = parquet_tables(store, EventFilter())
    for name, rows in tables.items():
        for row in rows:
            if name == "documents":
                row = {k: v for k, v in row.items() if k not in DOCUMENT_ROW_DROPPED}
            yield name, json.dumps(row, ensure_ascii=False)
    for row in errors:
        yield ERRORS_TABLE, json.dumps(row, ensure_ascii=False)


def table_names() -> list[str]:
    """The export's tables in its order (those of an empty store) but the clusters, which
    need the whole corpus (`newsgraph cluster`), then errors."""
    from newsgraph.export.parquet import parquet_tables
    from newsgraph.query import CLUSTER_TABLES, EventFilter
    from newsgraph.store.sqlite import SQLiteStore

    with SQLiteStore(":memory:") as store:
        names = [n for n in parquet_tables(store, EventFilter()) if n not in CLUSTER_TABLES]
    return [*names, ERRORS_TABLE]


def _first_of(pair: tuple[Any, str, dict], other: tuple[Any, str, dict]) -> tuple[Any, str, dict]:
    return pair if pair[0] <= other[0] else other


def spark_session(master: str | None = None, app_name: str = "newsgraph"):  # noqa: ANN201
    """A SparkSession: `master` when given, else spark-submit's, else local[*]. Local mode runs
    the executors' Python with this interpreter and binds to loopback only."""
    reason = spark_unavailable_reason()
    if reason:
        raise SparkUnavailable(reason)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit
    local = (master or ("" if submitted else "local")).startswith("local")
    if local:  # before the JVM starts
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf = SparkConf().setAppName(app_name).set("spark.ui.showConsoleProgress", "false")
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    if local:
        conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1")
        conf.set("spark.ui.enabled", "false")
    session = SparkSession.builder.config(conf=conf).getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session


def run_spark_job(
    inputs: list[str],
    output: str | Path,
    master: str | None = None,
    partitions: int | None = None,
    options: IngestOptions | None = None,
    spark=None,  # noqa: ANN001  (an existing SparkSession)
) -> SparkSummary:
    """Read `inputs` (files or folders: text, HTML, JSONL, WARC), analyse every distinct
    document in `partitions` partitions and write the Parquet tables under `output` (each a
    folder, replaced). Returns what was read and written."""
    options = options or IngestOptions()
    files = input_files(inputs, options)
    own_session = spark is None
    spark = spark or spark_session(master)
    try:
        return _run(spark, files, str(output), partitions, options)
    finally:
        if own_session:
            spark.stop()


def _run(spark, files: list[str], output: str, partitions: int | None,  # noqa: ANN001
         options: IngestOptions) -> SparkSummary:  # fmt: skip
    from pyspark import StorageLevel

    from newsgraph.query import CLUSTER_TABLES

    sc = spark.sparkContext
    summary = SparkSummary(files=len(files))
    partitions = partitions or max(2, sc.defaultParallelism * 2)
    listed = sc.parallelize(list(enumerate(files)), max(1, len(files)))
    read = listed.flatMap(partial(read_file, options=options))
    read.persist(StorageLevel.MEMORY_AND_DISK)
    read_counts = read.countByKey()
    summary.failed = read_counts.get(ERRORS_TABLE, 0)
    found = read_counts.get("document", 0)
    documents = (
        read.filter(lambda pair: pair[0] == "document")
        .map(lambda pair: (pair[1][1], pair[1]))
        .reduceByKey(_first_of, numPartitions=partitions)  # one copy of each document
        .values()
    )
    rows = documents.mapPartitions(analyze_partition).union(
        read.filter(lambda pair: pair[0] == ERRORS_TABLE)
    )
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    counts = rows.countByKey()
    read.unpersist()
    for name in [*table_names(), *CLUSTER_TABLES]:
        summary.rows[name] = counts.get(name, 0)
        target = f"{output.rstrip('/')}/{name}"
        if not counts.get(name):  # nothing to write (no columns to give an empty table)
            if "://" not in target:  # a local folder: drop what an earlier run left there
                shutil.rmtree(target, ignore_errors=True)
            if name in CLUSTER_TABLES:
                del summary.rows[name]  # never built here: `newsgraph cluster` makes them
            continue
        lines = rows.filter(lambda pair, name=name: pair[0] == name).values()
        order = list(json.loads(lines.first()))
        frame = spark.read.json(lines)
        columns = order + sorted(set(frame.columns) - set(order))
        frame.select(*[f"`{c}`" for c in columns]).write.mode("overwrite").parquet(target)
    rows.unpersist()
    summary.documents = summary.rows.get("documents", 0)
    summary.duplicates = found - summary.documents
    return summary


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit: the arguments of `newsgraph spark`."""
    from newsgraph.cli import main as cli_main

    return cli_main(["spark", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
