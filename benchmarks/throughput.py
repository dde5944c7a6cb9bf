"""Throughput and memory of the analysis and of ingest, measured in one run on one corpus.

The corpus (fixed, a few hundred varied articles, read from ../shared at run time, never copied):
the bundled samples, the running example, the article bodies of the scrapinghub-aeb gold, and
evenly spaced picks of GVA news articles, IndiaPoliceEvents stories and PolNeAR texts.

Measured, in this order:
- bare spaCy (`nlp.pipe`, the same model and batch size): words/s, the baseline;
- the full analysis (all stages, no store): words/s, articles/s, the ratio to the baseline and
  the seconds spent in each stage (the parse is the rest);
- ingest + analyze + store (`newsgraph ingest` of the corpus as JSONL into a new SQLite file),
  once per `--workers` value, each in a fresh process: articles/s with and without start-up, the
  peak RSS of the writer and of the largest analyzer process;
- a long stream (`--stream N` documents made by cycling the corpus, each made unique by one
  added sentence) through the analysis: RSS samples and the growth after warm-up;
- with `--profile N`: the N functions with the most own time in one full-analysis pass.

    python benchmarks/throughput.py [--repeat R] [--per-set N] [--stream N] [--workers 1 2]
                                    [--json out.json] [--profile N]
    python benchmarks/throughput.py --stream 20000 --stream-only --json docs/results/throughput.json
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

import spacy

from newsgraph.analyze.pipeline import BATCH_SIZE, analyze_documents, load_pipeline, model_name
from newsgraph.api import extract_all
from newsgraph.records import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval"


# -- the corpus -------------------------------------------------------------------------------


def spaced(items: list, n: int) -> list:
    """n items evenly spaced through `items` (all of them when there are fewer)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def text_document(
    text: str, source: str, published: str | None = None, title: str | None = None
) -> Document:
    return Document(
        text=text,
        source=source,
        source_kind="text",
        language="en",
        published=published,
        published_precision="day" if published else None,
        title=title,
    )


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_corpus(per_set: int, limit: int | None = None) -> tuple[list[Document], dict[str, int]]:
    """The corpus and how many articles each part gave."""
    parts: dict[str, list[Document]] = {}
    parts["samples"] = [
        a.document for a in extract_all(REPO / "samples" / "articles", analyze=False)
    ]
    example = SHARED / "examples" / "kazakhstan-unrest-2022.txt"
    if example.exists():
        parts["samples"].append(extract_all(example, analyze=False)[0].document)
    gold = EVAL / "scrapinghub-aeb" / "ground-truth.json"
    if gold.exists():
        records = json.loads(gold.read_text(encoding="utf-8"))
        parts["scrapinghub-aeb"] = [
            text_document(r["articleBody"], page_id) for page_id, r in records.items()
        ]
    gva = EVAL / "gva" / "docs.jsonl"
    if gva.exists():
        rows = [r for r in read_jsonl(gva) if len(r.get("content", "").split()) >= 50]
        parts["gva"] = [
            text_document(r["content"], f"gva:{r['doc_id']}", r.get("dct"), r.get("title"))
            for r in spaced(rows, per_set)
        ]
    ipe = EVAL / "indiapoliceevents" / "data" / "final" / "metadata.jsonl"
    if ipe.exists():
        rows = [r for r in read_jsonl(ipe) if len(r.get("full_text", "").split()) >= 50]
        parts["indiapoliceevents"] = [
            text_document(r["full_text"], f"ipe:{r['doc_id']}", r.get("date"))
            for r in spaced(rows, per_set)
        ]
    polnear = EVAL / "polnear" / "data" / "train" / "text"
    if polnear.is_dir():
        files = spaced(sorted(polnear.glob("*.txt")), per_set)
        parts["polnear"] = [
            text_document(f.read_text(encoding="utf-8"), f"polnear:{f.name}", f.name.split("_")[1])
            for f in files
        ]
    documents = [d for part in parts.values() for d in part if d.text.strip()]
    documents = documents[:limit] if limit else documents
    return documents, {name: len(part) for name, part in parts.items()}


def write_jsonl(documents: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            row = {"text": d.text, "title": d.title, "published": d.published, "url": None}
            out.write(json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False) + "\n")


# -- measurements -----------------------------------------------------------------------------


def proc_status_mb(field: str, pid: int | str = "self") -> float:
    """VmRSS (now) or VmHWM (peak) of a process from Linux /proc, in MB; 0 when it is gone.
    (Not ru_maxrss: after fork + exec it keeps the parent's peak.)"""
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith(field + ":"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024  # kB


def rss_mb() -> float:
    return proc_status_mb("VmRSS")


def peak_rss_mb() -> float:
    return proc_status_mb("VmHWM")


def child_pids() -> list[int]:
    pids = []
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


class PeakWatcher:
    """Polls the peak RSS (VmHWM) of this process's children while it runs."""

    def __init__(self, every: float = 0.5) -> None:
        import threading

        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(every,), daemon=True)

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every):
            for pid in child_pids():
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), proc_status_mb("VmHWM", pid))

    def __enter__(self) -> PeakWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: robust to other load."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_bare_spacy(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds."""
    nlp = spacy.load(model_name())
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_full_analysis(documents: list[Document]) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds, and (wall) seconds spent in each newsgraph stage."""
    stage_seconds: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for _analysis in analyze_documents(documents, load_pipeline(), timings=stage_seconds):
        pass
    return time.perf_counter() - start, time.process_time() - cpu, stage_seconds


def measure_ingest(corpus_jsonl: Path, workers: int) -> dict:
    """`ingest` of the corpus into a new database, in a fresh process (this script again)."""
    with tempfile.TemporaryDirectory() as folder:
        command = [
            "--ingest-child",
            str(corpus_jsonl),
            "--ingest-db",
            str(Path(folder) / "bench.db"),
            "--workers",
            str(workers),
        ]
        return run_child(command)


def run_child(arguments: list[str]) -> dict:
    """This script in a fresh process (clean memory figures); its last stdout line is JSON."""
    done = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ingest_child(corpus_jsonl: Path, db: Path, workers: int) -> dict:
    """Runs in a fresh process: ingest + analyze + store, timed from the call (start-up
    included: loading the model, spawning workers) and from the first stored document."""
    from newsgraph.analyze import analyze_document
    from newsgraph.ingest.core import ingest_sources
    from newsgraph.store import open_store

    stamps: list[float] = []
    start, cpu = time.perf_counter(), cpu_seconds()
    with PeakWatcher() as watcher, open_store(db) as store:
        save = store.save_document

        def timed_save(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            outcome = save(*args, **kwargs)
            stamps.append(time.perf_counter())
            return outcome

        store.save_document = timed_save  # type: ignore[method-assign]
        summary = ingest_sources(
            [str(corpus_jsonl)], store, analyze=analyze_document, workers=workers
        )
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    n = len(stamps)
    steady = (n - 1) / (stamps[-1] - stamps[0]) if n > 1 and stamps[-1] > stamps[0] else None
    return {
        "workers": workers,
        "articles": n,
        "stored": summary.stored,
        "seconds": seconds,
        "articles_per_s": n / seconds,
        "steady_articles_per_s": steady,
        "startup_seconds": stamps[0] - start if stamps else None,
        "cpu_seconds": cpu,  # all processes: the writer and every worker
        "cpu_seconds_per_article": cpu / n if n else None,
        "peak_rss_mb_writer": peak_rss_mb(),
        "peak_rss_mb_worker": max(watcher.peaks.values(), default=None),
    }


def measure_stream(documents: list[Document], n: int) -> dict:
    """n documents cycled from the corpus through the analysis (in a fresh process: see
    `main`); RSS sampled every n/20."""
    nlp = load_pipeline()
    every = max(1, n // 20)
    unique = (
        Document(
            text=f"{d.text}\n\nReference number {i}.",
            source=f"stream:{i}",
            source_kind="text",
            language="en",
            published=d.published,
            published_precision=d.published_precision,
        )
        for i, d in enumerate(islice(cycle(documents), n))
    )
    samples: list[tuple[int, float]] = [(0, rss_mb())]
    start = time.perf_counter()
    for i, _analysis in enumerate(analyze_documents(unique, nlp), start=1):
        if i % every == 0 or i == n:
            samples.append((i, rss_mb()))
    seconds = time.perf_counter() - start
    warm = next((s for s in samples if s[0] >= n // 5), samples[0])  # after warm-up (20%)
    growth = samples[-1][1] - warm[1]
    return {
        "documents": n,
        "seconds": seconds,
        "rss_mb_samples": [[i, round(mb, 1)] for i, mb in samples],
        "rss_mb_after_warmup": warm[1],
        "rss_mb_end": samples[-1][1],
        "rss_growth_mb": growth,
        "rss_growth_mb_per_1000_docs": growth / max(1, n - warm[0]) * 1000,
    }


def profile_analysis(documents: list[Document], top: int) -> str:
    profiler = cProfile.Profile()
    nlp = load_pipeline()
    profiler.enable()
    for _analysis in analyze_documents(documents, nlp):
        pass
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB"


# -- report -----------------------------------------------------------------------------------


def print_table(result: dict) -> None:
    rows = [
        (
            "corpus",
            f"{result['documents']} articles, {result['words']} words "
            f"({', '.join(f'{k} {v}' for k, v in result['corpus_parts'].items())})",
        ),
        (
            "bare spaCy",
            f"{result['bare_spacy_words_per_s']:.0f} words/s "
            f"({result['bare_spacy_seconds']:.1f} s)",
        ),
        (
            "full analysis",
            f"{result['full_analysis_words_per_s']:.0f} words/s, "
            f"{result['full_analysis_docs_per_s']:.2f} articles/s "
            f"({result['full_analysis_seconds']:.1f} s)",
        ),
        (
            "ratio full/bare (speed)",
            f"{result['throughput_ratio_full_to_bare']:.3f} wall, "
            f"{result['throughput_ratio_full_to_bare_cpu']:.3f} CPU "
            "(target >= 0.75)",
        ),
        ("  spaCy parse", f"{result['parse_seconds']:.2f} s"),
    ]
    for name, seconds in result["stage_seconds"].items():
        share = seconds / result["full_analysis_seconds"]
        rows.append((f"  {name.removeprefix('newsgraph_')}", f"{seconds:.2f} s ({share:.1%})"))
    rows.append(("peak RSS, analysis process", f"{result['peak_rss_mb']:.0f} MB"))
    for run in result["ingest"]:
        worker = run["peak_rss_mb_worker"]
        rows.append(
            (
                f"ingest+analyze+store, {run['workers']} worker(s)",
                f"{run['articles_per_s']:.2f} articles/s with start-up "
                f"({run['seconds']:.1f} s), {run['steady_articles_per_s']:.2f} steady, "
                f"{run['cpu_seconds_per_article']:.2f} CPU s/article; "
                f"peak RSS writer {run['peak_rss_mb_writer']:.0f} MB"
                + (f", worker {worker:.0f} MB" if worker else ""),
            )
        )
    if result.get("workers_speedup") is not None:
        rows.append(
            (
                "speed-up, most workers / 1",
                f"{result['workers_speedup']:.2f}x steady (target >= 1.7 for 2)",
            )
        )
    stream = result.get("stream")
    if stream:
        rows.append(
            (
                f"stream of {stream['documents']} docs",
                f"RSS {stream['rss_mb_after_warmup']:.0f} MB after warm-up -> "
                f"{stream['rss_mb_end']:.0f} MB at the end "
                f"({stream['rss_growth_mb_per_1000_docs']:+.1f} MB per 1000 docs)",
            )
        )
    width = max(len(name) for name, _ in rows)
    load = result["load_average"]
    print(
        f"machine: {result['machine']}; {result['cpu']}; model {result['model']}; "
        f"load average {load[0]} at start, {load[1]} at end"
    )
    for name, value in rows:
        print(f"{name:{width}}  {value}")


def update_stream_only(args: argparse.Namespace) -> int:
    """--stream-only: the stream in a fresh process, written into the existing --json."""
    if not args.json or not args.stream:
        raise SystemExit("--stream-only needs --stream N and the --json file to update")
    child_args = ["--per-set", str(args.per_set), "--stream", str(args.stream)]
    child_args += ["--limit", str(args.limit)] if args.limit else []
    stream = run_child([*child_args, "--stream-child"])
    result = json.loads(args.json.read_text()) if args.json.exists() else {}
    result["stream"] = stream
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"stream of {stream['documents']} docs: RSS {stream['rss_mb_after_warmup']:.0f} MB "
          f"after warm-up -> {stream['rss_mb_end']:.0f} MB at the end")  # fmt: skip
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles of the corpus")
    parser.add_argument(
        "--per-set",
        type=int,
        default=60,
        help="articles from each of GVA, IndiaPoliceEvents, PolNeAR",
    )
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs for each side")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="ingest once with each number of analyzer processes",
    )
    parser.add_argument(
        "--stream",
        type=int,
        default=500,
        help="documents in the memory stream (0: none; issue 9: 20000)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="print the N functions with the most own time",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--stream-only",
        action="store_true",
        help="measure only the memory stream and update the 'stream' entry of --json (the "
        "long stream, e.g. --stream 20000, apart from the quick measurements)",
    )
    parser.add_argument("--ingest-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ingest-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stream-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_child:  # one ingest measurement, in its own process
        print(json.dumps(ingest_child(args.ingest_child, args.ingest_db, args.workers[0])))
        return 0
    documents, parts = load_corpus(args.per_set, args.limit)
    if args.stream_child:  # the memory stream, in its own process
        print(json.dumps(measure_stream(documents, args.stream)))
        return 0
    if args.stream_only:
        return update_stream_only(args)

    load_before = os.getloadavg()[0]
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    load_pipeline()  # load (and build the gazetteer cache) before timing
    time_bare_spacy(texts[:5])
    bare, bare_cpu = min(time_bare_spacy(texts) for _ in range(args.repeat))
    runs = [time_full_analysis(documents) for _ in range(args.repeat)]
    full, full_cpu, stages = min(runs, key=lambda run: run[0])
    analysis_peak = peak_rss_mb()
    if args.profile:
        print(profile_analysis(documents, args.profile))
    with tempfile.TemporaryDirectory() as folder:
        corpus_jsonl = Path(folder) / "corpus.jsonl"
        write_jsonl(documents, corpus_jsonl)
        ingest = [measure_ingest(corpus_jsonl, workers) for workers in args.workers]
    steady = {run["workers"]: run["steady_articles_per_s"] for run in ingest}
    most = max(steady)
    child_args = ["--per-set", str(args.per_set), "--stream", str(args.stream)]
    child_args += ["--limit", str(args.limit)] if args.limit else []
    stream = run_child([*child_args, "--stream-child"]) if args.stream else None
    result = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "cpu": machine(),
        "model": model_name(),
        "batch_size": BATCH_SIZE,
        "corpus_parts": parts,
        "documents": len(documents),
        "words": words,
        "bare_spacy_words_per_s": words / bare,
        "full_analysis_words_per_s": words / full,
        "full_analysis_docs_per_s": len(documents) / full,
        "ratio_full_to_bare_time": full / bare,
        "throughput_ratio_full_to_bare": bare / full,
        "bare_spacy_cpu_seconds": bare_cpu,
        "full_analysis_cpu_seconds": full_cpu,
        "throughput_ratio_full_to_bare_cpu": bare_cpu / full_cpu,
        "stage_seconds": stages,
        "parse_seconds": full - sum(stages.values()),
        "bare_spacy_seconds": bare,
        "full_analysis_seconds": full,
        "peak_rss_mb": analysis_peak,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "ingest": ingest,
        "workers_speedup": steady[most] / steady[1] if 1 in steady and most > 1 else None,
        "stream": stream,
    }
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
