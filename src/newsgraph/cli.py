"""The command line: argument definitions and dispatch only; the work is in the library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.errors import Rejected, StoreError
from newsgraph.ingest.core import EXIT_ALL_FAILED, EXIT_SOME_FAILED, ingest_sources
from newsgraph.ingest.core import iter_documents as iter_clean_documents
from newsgraph.ingest.metadata import normalize_published
from newsgraph.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from newsgraph.records import Analysis, Document
from newsgraph.store import open_store


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_ALL_FAILED
    except BrokenPipeError:  # `newsgraph documents | head`
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Turn news articles into a source-attributed database of events, actors, "
        "places, dates, counts, quotations and claims.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest",
        help="store articles from files, folders, URLs, RSS/Atom feeds, WARC or JSONL",
        description="Store clean articles. Exit code: 0 all stored, 1 some inputs failed, "
        "3 every input failed, 130 interrupted (run again to resume).",
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE")
    add_db_argument(ingest)
    add_input_arguments(ingest)
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.add_argument("--no-analyze", action="store_true", help="store clean documents only")
    ingest.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="analyse in N processes (one writer; default 1)")  # fmt: skip
    ingest.set_defaults(handler=run_ingest)

    extract = commands.add_parser(
        "extract", help="print the analysis of one source as JSON, without a database"
    )
    extract.add_argument("source", metavar="SOURCE")
    extract.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    extract.add_argument("--no-analyze", action="store_true", help="the clean document only")
    add_input_arguments(extract)
    extract.set_defaults(handler=run_extract)

    analyze = commands.add_parser(
        "analyze", help="(re)analyse stored documents that lack a current analysis"
    )
    add_db_argument(analyze)
    analyze.add_argument("--all", action="store_true", help="re-analyse every document")
    analyze.set_defaults(handler=run_analyze)

    documents = commands.add_parser("documents", help="list stored documents")
    add_db_argument(documents)
    documents.add_argument("--limit", type=int, default=50)
    documents.add_argument("--offset", type=int, default=0)
    documents.add_argument("--format", choices=["table", "json"], default="table")
    documents.set_defaults(handler=run_documents)

    show = commands.add_parser("show", help="show one stored document by id (or id prefix)")
    show.add_argument("id", metavar="ID")
    add_db_argument(show)
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(handler=run_show)

    errors = commands.add_parser("errors", help="list inputs that failed, with their reasons")
    add_db_argument(errors)
    errors.add_argument("--run", type=int, help="only this run's errors")
    errors.set_defaults(handler=run_errors)

    cluster = commands.add_parser(
        "cluster",
        help="group near-duplicate articles and cluster events across documents",
        description="Update the article groups and event clusters with the analysed documents "
        "not clustered yet (ingest does this after each run), then list the clusters reported "
        "by more than one article with their figures side by side.",
    )
    add_db_argument(cluster)
    cluster.add_argument("--rebuild", action="store_true",
                         help="recompute every group and cluster from scratch")  # fmt: skip
    cluster.add_argument("--format", choices=["table", "json"], default="table")
    cluster.set_defaults(handler=run_cluster)

    evaluate = commands.add_parser(
        "eval", help="score newsgraph on a benchmark in its published format"
    )
    evaluate.add_argument("task", metavar="TASK", help="the dataset's folder name, e.g. "
                          "scrapinghub-aeb, trafilatura-eval")  # fmt: skip
    evaluate.add_argument("--data", type=Path, required=True, help="the dataset folder")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--limit", type=int, help="score only the first N items")
    evaluate.set_defaults(handler=run_eval)

    export = commands.add_parser(
        "export",
        help="write events as GeoJSON, ACLED CSV, GDELT TSV, PLOVER JSON, JSONL or Parquet",
        description="Export stored events and records. Formats: geojson, acled (CSV, the "
        "codebook's 31 columns), gdelt (GDELT 2.0 Events TSV, 61 columns), gdelt-mentions "
        "(GDELT 2.0 Mentions TSV, 16 columns), gdelt-gkg (GDELT GKG 2.1 TSV, 27 columns, one "
        "row per article), plover (JSON), jsonl (full analyses), parquet (a folder of tables; "
        "needs --out). gdelt-mentions and gdelt-gkg also write what GDELT's columns cannot hold "
        "(speakers, claimants, figures' ranges) to a companion JSONL next to --out "
        "(gkg.tsv -> gkg.companion.jsonl).",
    )
    export.add_argument(
        "format",
        metavar="FORMAT",
        choices=[
            "geojson",
            "acled",
            "gdelt",
            "gdelt-mentions",
            "gdelt-gkg",
            "plover",
            "jsonl",
            "parquet",
        ],  # fmt: skip
    )
    export.add_argument("--out", type=Path, help="file (folder for parquet); default stdout")
    add_db_argument(export)
    add_event_filter_arguments(export)
    export.set_defaults(handler=run_export)

    serve = commands.add_parser(
        "serve",
        help="serve the web UI and the HTTP API (OpenAPI at /docs)",
        description="Serve the map, timeline, event and article pages and the JSON API. "
        "Writes (POST /documents) need $NEWSGRAPH_API_TOKEN as a Bearer token; set "
        "NEWSGRAPH_API_READ_TOKEN=1 to require it for reads too.",
    )
    add_db_argument(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8001, help="port (default: %(default)s)")
    serve.set_defaults(handler=run_serve)

    spark = commands.add_parser(
        "spark",
        help="analyse a corpus on Spark (local or a cluster) into Parquet tables",
        description="Read files or folders (text, HTML, JSONL, WARC) in Spark executors, run "
        "the analysis in each partition and write the tables of `export parquet` as folders "
        "under --output (and errors/). Needs pyspark (pip install 'newsgraph[spark]') and "
        "Java 17+. Under spark-submit the master comes from spark-submit.",
    )
    spark.add_argument("--input", action="append", required=True, metavar="PATH",
                       help="a file or folder (repeatable)")  # fmt: skip
    spark.add_argument("--output", type=Path, required=True, metavar="DIR",
                       help="folder of the tables (each table folder is replaced)")  # fmt: skip
    spark.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's, "
                       "else local[*])")  # fmt: skip
    spark.add_argument("--partitions", type=positive_int, metavar="N",
                       help="partitions to analyse in (default: 2 per core)")  # fmt: skip
    add_input_arguments(spark)
    spark.set_defaults(handler=run_spark)
    return parser


def add_event_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", help="events on or after this day (YYYY-MM-DD)")
    parser.add_argument("--until", help="events on or before this day (YYYY-MM-DD)")
    parser.add_argument(
        "--type",
        action="append",
        default=[],
        dest="types",
        help="PLOVER event type (repeatable), e.g. PROTEST",
    )
    parser.add_argument("--country", help="ISO 3166 code of the event's place (KZ or KAZ)")
    parser.add_argument(
        "--modality",
        action="append",
        default=[],
        dest="modalities",
        help="asserted, reported, threatened ... (repeatable)",
    )
    parser.add_argument("--theme", help="events of articles with this theme, e.g. PROTEST, KILL "
                        "(ontology/data/themes.tsv)")  # fmt: skip
    parser.add_argument("--tone-min", type=float, metavar="TONE",
                        help="events of articles whose GDELT tone is at least TONE "
                        "(-100..100)")  # fmt: skip
    parser.add_argument("--tone-max", type=float, metavar="TONE",
                        help="events of articles whose GDELT tone is at most TONE")  # fmt: skip


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="a SQLite database path or a PostgreSQL URL (postgresql://user@host/dbname; needs "
        "newsgraph[postgres]); default: $NEWSGRAPH_DB, else newsgraph.db in the user data "
        "folder, e.g. ~/.local/share/newsgraph/ on Linux",
    )


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", type=published_date, help="publication date for inputs "
                        "that lack one (ISO 8601, e.g. 2022-01-07)")  # fmt: skip
    parser.add_argument("--outlet", help="outlet name for inputs that lack one")
    parser.add_argument("--url", help="URL for inputs that lack one")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help="refuse inputs larger than this (default: %(default)s)")  # fmt: skip
    parser.add_argument("--allow-private", action="store_true",
                        help="fetch URLs on private or loopback addresses")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per HTTP request")


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def published_date(value: str) -> str:
    iso, _precision = normalize_published(value)
    if iso is None:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {value!r}")
    return iso


def input_options(args: argparse.Namespace) -> IngestOptions:
    return IngestOptions(
        max_bytes=args.max_bytes,
        allow_private=args.allow_private,
        timeout=args.timeout,
        published=args.published,
        outlet=args.outlet,
        url=args.url,
    )


def run_ingest(args: argparse.Namespace) -> int:
    analyze = None
    if not args.no_analyze:
        from newsgraph.analyze import analyze_document as analyze
    with open_store(args.db) as store:
        summary = ingest_sources(
            args.sources, store, input_options(args), progress=not args.no_progress,
            analyze=analyze, workers=args.workers,
        )  # fmt: skip
        print(summary.describe(), file=sys.stderr)
        if analyze is not None:  # new documents join the groups and clusters they belong to
            from newsgraph.crossdoc.update import update_store

            print(update_store(store).describe(), file=sys.stderr)
    return summary.exit_code


def run_extract(args: argparse.Namespace) -> int:
    failures: list[str] = []

    def on_failure(raw, rejection: Rejected) -> None:  # noqa: ANN001
        failures.append(raw.source)
        print(f"failed: {raw.source}: {rejection}", file=sys.stderr)

    documents = [
        d for _r, d in iter_clean_documents([args.source], input_options(args), on_failure)
    ]
    if args.format == "text":
        print("\n\n".join(d.text for d in documents))
    else:
        print_records(extraction_records(documents, analyze=not args.no_analyze), args.format)
    if failures:
        return EXIT_SOME_FAILED if documents else EXIT_ALL_FAILED
    return 0


def extraction_records(documents: list[Document], analyze: bool) -> list[dict]:
    if not analyze:
        return [d.to_dict() for d in documents]
    from newsgraph.analyze import analyze_documents

    return [analysis.to_dict() for analysis in analyze_documents(documents)]


def print_records(records: list[dict], output_format: str) -> None:
    """One indented object for a single record in json format, else one object a line."""
    if output_format == "json" and len(records) == 1:
        print(json.dumps(records[0], ensure_ascii=False, indent=2))
        return
    for record in records:
        print(json.dumps(record, ensure_ascii=False))


def run_analyze(args: argparse.Namespace) -> int:
    from newsgraph.analyze import analyze_documents

    with open_store(args.db) as store:
        ids = store.ids_to_analyze(everything=args.all)
        documents = (store.get_document(document_id) for document_id in ids)
        for count, analysis in enumerate(analyze_documents(documents), start=1):
            store.save_analysis(analysis)
            if count % 100 == 0:
                print(f"analysed {count} of {len(ids)}", file=sys.stderr)
        print(f"analysed {len(ids)} documents", file=sys.stderr)
        if ids:  # the new analyses join (or leave) the groups and clusters, as after ingest
            from newsgraph.crossdoc.update import update_store

            print(update_store(store).describe(), file=sys.stderr)
    return 0


def run_documents(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        documents = store.list_documents(limit=args.limit, offset=args.offset)
        total = store.count_documents()
    if args.format == "json":
        print(json.dumps([summarize(d) for d in documents], ensure_ascii=False, indent=2))
        return 0
    print(f"{'ID':<16}  {'PUBLISHED':<10}  {'OUTLET':<20}  {'LANG':<4}  TITLE / FIRST WORDS")
    for d in documents:
        heading = d.title or d.text[:60].replace("\n", " ")
        published = (d.published or "")[:10]
        print(f"{d.id:<16}  {published:<10}  {(d.outlet or '')[:20]:<20}  "
              f"{d.language or '':<4}  {heading[:70]}")  # fmt: skip
    print(f"({len(documents)} of {total} documents)", file=sys.stderr)
    return 0


def summarize(document: Document) -> dict[str, object]:
    record = document.to_dict()
    record.pop("text")
    record["characters"] = len(document.text)
    return record


def run_show(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        document = store.get_document(args.id)
        analysis = store.get_analysis(document.id) if document else None
    if document is None:
        print(f"newsgraph: no single document with id {args.id!r}", file=sys.stderr)
        return EXIT_SOME_FAILED
    if args.format == "json":
        record = analysis.to_dict() if analysis else document.to_dict()
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    for key, value in summarize(document).items():
        if value not in (None, [], ""):
            shown = (
                json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
            )
            print(f"{key}: {shown}")
    if analysis is not None:
        print_analysis_summary(analysis)
    print()
    print(document.text)
    return 0


def print_analysis_summary(analysis: Analysis) -> None:
    mentions = {m.id: m.text for m in analysis.mentions}
    print("\nactors:")
    for e in analysis.entities:
        facts = ", ".join(filter(None, [e.kind, e.sector, e.country, e.title, e.affiliation_name]))
        seen = sorted({mentions[i] for i in e.mention_ids})
        print(f"  {e.id:>4}  {e.name} ({facts}) — {'; '.join(seen)}")
    print("places:")
    for p in analysis.places:
        focus = "  [focus]" if p.id == analysis.focus_place_id else ""
        print(f"  {p.id:>4}  {p.text} -> {p.name} ({p.precision}, {p.country}, "
              f"geonames {p.geonames_id}){focus}")  # fmt: skip
    print("times:")
    for t in analysis.times:
        print(f"  {t.id:>4}  {t.text} -> {t.value} ({t.type}, {t.anchor})")
    entities = {e.id: e.name for e in analysis.entities}
    claimants = {
        count_id: claim.claimant_text or f"{claim.claimant_kind} source ({claim.cue})"
        for claim in analysis.claims
        for count_id in claim.count_ids
    }
    print("counts:")
    for c in analysis.counts:
        value = f"{c.low}..{'' if c.high is None else c.high}" if c.low != c.high else c.low
        print(f"  {c.id:>4}  {c.type} {value} ({c.qualifier}) {c.object or ''} — "
              f"{claimants.get(c.id) or 'unattributed'}: “{c.text}”")  # fmt: skip
    print("quotes:")
    for q in analysis.quotes:
        speaker = entities.get(q.speaker_entity_id or "", "unknown")
        print(f"  {q.id:>4}  {speaker} ({q.kind}): “{q.content[:80]}”")
    print("events:")
    places = {p.id: p.name or p.text for p in analysis.places}
    for ev in analysis.events:
        actors = "; ".join(f"{a.role} {entities.get(a.entity_id or '', a.text)}" for a in ev.actors)
        where = places.get(ev.place_id or "", "")
        print(f"  {ev.id:>4}  {ev.type}/{ev.mode or '-'} [{ev.modality}] “{ev.trigger}” "
              f"{ev.acled_sub_event_type or ''} {where} — {actors}")  # fmt: skip


def run_cluster(args: argparse.Namespace) -> int:
    from newsgraph.crossdoc.update import rebuild_store, update_store

    with open_store(args.db) as store:
        summary = rebuild_store(store) if args.rebuild else update_store(store)
        clusters = [c for c in store.list_event_clusters() if c.reports > 1]
    print(summary.describe(), file=sys.stderr)
    if args.format == "json":
        print(json.dumps([c.to_dict() for c in clusters], ensure_ascii=False, indent=2))
        return 0
    for c in clusters:
        where = c.place["name"] if c.place else "?"
        print(f"{c.id}  {c.type}/{c.mode or '-'}  {where}  {c.time_low}..{c.time_high}  "
              f"{c.sources} sources, {c.reports} articles: {', '.join(c.outlets)}")  # fmt: skip
        for figure in c.figures:
            values = "; ".join(
                f"{v.number_text or v.low} {v.object or ''} ({v.claimant}, {v.published})"
                for v in figure.values
            )
            verdict = "CONFLICT " if figure.conflict else ""
            print(f"    {figure.count_type}: {verdict}{values} -> conservative "
                  f"{figure.conservative}, high {figure.high}, "
                  f"latest {figure.most_recent}")  # fmt: skip
    print(f"({len(clusters)} clusters reported by more than one article)", file=sys.stderr)
    return 0


def run_errors(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        errors = store.list_errors(args.run)
    for error in errors:
        print(
            f"run {error.run_id}  {error.code}  {error.stage:<8}  {error.source}  {error.message}"
        )
    print(f"({len(errors)} errors)", file=sys.stderr)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from newsgraph.evaluate.registry import run_evaluator
    from newsgraph.evaluate.report import format_metrics

    try:
        metrics = run_evaluator(args.task, args.data, args.limit)
    except (KeyError, FileNotFoundError) as error:
        print(f"newsgraph eval: {error.args[0]}", file=sys.stderr)
        return 2
    print(json.dumps(metrics) if args.json else format_metrics(args.task, metrics))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from newsgraph.export import export
    from newsgraph.query import EventFilter, QueryError

    filters = EventFilter(since=args.since, until=args.until, types=args.types,
                          country=args.country, modalities=args.modalities, theme=args.theme,
                          tone_min=args.tone_min, tone_max=args.tone_max)  # fmt: skip
    try:
        with open_store(args.db) as store:
            written = export(args.format, store, filters, args.out)
    except (QueryError, ValueError) as error:
        print(f"newsgraph export: {error}", file=sys.stderr)
        return 2
    print(f"exported {written} {args.format} records", file=sys.stderr)
    return 0


def run_spark(args: argparse.Namespace) -> int:
    from newsgraph.scale.spark import SparkUnavailable, run_spark_job

    try:
        summary = run_spark_job(
            args.input, args.output, master=args.master, partitions=args.partitions,
            options=input_options(args),
        )  # fmt: skip
    except (SparkUnavailable, FileNotFoundError) as error:
        print(f"newsgraph spark: {error}", file=sys.stderr)
        return 2
    print(f"newsgraph spark: {summary.describe()}", file=sys.stderr)
    if summary.failed:
        return EXIT_ALL_FAILED if not summary.documents else EXIT_SOME_FAILED
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from newsgraph.web import serve

    serve(args.db, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
