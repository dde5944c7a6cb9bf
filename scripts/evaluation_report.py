"""Write docs/evaluation.md from `newsgraph eval --json` runs on the datasets in ../shared/eval.

Each registered evaluator whose data folder exists is run through the CLI (the same command the
held-out measurement calls); its JSON is kept in docs/results/<task>.json and tabulated with the
peer baselines it measured in the same run.

    python scripts/evaluation_report.py [--eval-dir ../shared/eval] [--only TASK ...] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.evaluate.registry import available_evaluators

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
# The bars set in the issues (best published systems), as dotted paths into the metrics;
# shown beside the measured numbers.
TARGETS = {
    "scrapinghub-aeb": {"f1": 0.97},
    "trafilatura-eval": {"f1": 0.93, "date_accuracy": 0.90},
    "geoparsing": {"GWN.acc161": 0.94, "LGL.acc161": 0.83, "GeoVirus.acc161": 0.90},
    "tempeval3": {"value_f1": 0.80},
    "gva": {"killed_accuracy": 0.90, "injured_accuracy": 0.85},
    "case2021": {"weighted_f1": 0.84},
    "indiapoliceevents": {
        "KILL.doc_f1": 0.85,
        "ARREST.doc_f1": 0.85,
        "FORCE.doc_f1": 0.70,
        "FAIL.doc_f1": 0.70,
    },
    "plover-gsr": {"type_accuracy": 0.80},
    "polnear": {"attribution_f1": 0.70, "source_accuracy": 0.80},
    "gva-clusters": {"bcubed_f1": 0.80},
}
# Targets relative to a baseline measured in the same run: (metric, baseline path, margin).
RELATIVE_TARGETS = {"conll2003": [("f1", "baseline.spacy.f1", 0.05)]}


def run_task(task: str, data: Path, limit: int | None) -> dict:
    command = [sys.executable, "-m", "newsgraph.cli", "eval", task, "--data", str(data), "--json"]
    if limit:
        command += ["--limit", str(limit)]
    print("running:", " ".join(command[2:]), file=sys.stderr)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def metric_rows(metrics: dict, label: str = "newsgraph") -> list[tuple[str, dict]]:
    """Flatten results into (row label, numeric metrics) rows: the system itself, each corpus
    of a multi-corpus result, and each baseline (per corpus where nested)."""
    rows = []
    if any(is_number(v) for k, v in metrics.items() if k != "n"):
        rows.append((label, metrics))
    for key, value in metrics.items():
        if (
            key in ("baseline", "per_label")
            or key.endswith("_by_type")
            or not isinstance(value, dict)
        ):
            continue
        rows += metric_rows(value, f"{label} · {key}" if label != "newsgraph" else key)
    baselines = metrics.get("baseline", {})
    if any(is_number(v) for v in baselines.values()):  # one unnamed baseline, flat
        baselines = {baselines.get("method", "baseline"): baselines}
    for name, values in baselines.items():
        if isinstance(values, dict):
            rows += metric_rows(values, f"baseline: {name}")
    return rows


def metric_table(rows: list[tuple[str, dict]]) -> list[str]:
    columns: list[str] = []
    for _label, values in rows:
        columns += [k for k, v in values.items() if is_number(v) and k not in columns]
    lines = ["| | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for label, values in rows:
        lines.append(f"| {label} | " + " | ".join(_cell(values.get(c)) for c in columns) + " |")
    return lines


def _cell(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else ("—" if value is None else str(value))


def lookup(metrics: dict, path: str) -> float | None:
    value: object = metrics
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if is_number(value) else None


def target_lines(task: str, metrics: dict) -> list[str]:
    status = []
    for path, goal in TARGETS.get(task, {}).items():
        value = lookup(metrics, path)
        verdict = "not measured" if value is None else ("met" if value >= goal else "not met")
        shown = "—" if value is None else f"{value:.4f}"
        status.append(f"{path} {shown} vs target {goal:.2f} ({verdict})")
    for path, baseline_path, margin in RELATIVE_TARGETS.get(task, []):
        value, baseline = lookup(metrics, path), lookup(metrics, baseline_path)
        if value is None or baseline is None:
            status.append(f"{path} vs {baseline_path} + {margin:.2f} (not measured)")
            continue
        verdict = "met" if value >= baseline + margin else "not met"
        status.append(f"{path} {value:.4f} vs {baseline_path} {baseline:.4f} + {margin:.2f} "
                      f"({verdict})")  # fmt: skip
    return ["", "Targets: " + "; ".join(status) + "."] if status else []


def render(results: dict[str, dict], limit: int | None) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    )
    lines = [
        "# Evaluation",
        "",
        f"Generated by `scripts/evaluation_report.py` on {when} ({machine}).",
        "Each table comes from one `newsgraph eval TASK --data ../shared/eval/DATASET --json` run,",
        "with the peer baselines measured in that same run. Development portions only: the",
        "held-out portions are scored independently. Raw JSON: `docs/results/`.",
    ]
    if limit:
        lines.append(f"\n**Partial run: the first {limit} items of each set.**")
    for evaluator in available_evaluators():
        if evaluator.name not in results:
            continue
        metrics = results[evaluator.name]
        lines += ["", f"## {evaluator.name}", "", evaluator.description, ""]
        reproduce = f"newsgraph eval {evaluator.name} --data ../shared/eval/{evaluator.dataset}"
        scored = f"Items scored: {metrics['n']}. " if is_number(metrics.get("n")) else ""
        lines.append(f"{scored}Reproduce: `{reproduce}`.")
        lines += ["", *metric_table(metric_rows(metrics))]
        if isinstance(metrics.get("per_label"), dict):
            lines += ["", "Per label:", "", *metric_table(list(metrics["per_label"].items()))]
        lines += target_lines(evaluator.name, metrics)
        notes = metrics.get("notes")
        if notes:
            lines += ["", notes]
    return "\n".join(lines + throughput_section() + web_pages_section()) + "\n"


def corpus_description(result: dict) -> str:
    parts = result.get("corpus_parts")
    if not parts:
        return "the bundled samples, the running example and the AEB gold bodies"
    return ", ".join(f"{name} {count}" for name, count in parts.items())


def throughput_section() -> list[str]:
    """The last `benchmarks/throughput.py --json docs/results/throughput.json` run, if any."""
    saved = DOCS / "results" / "throughput.json"
    if not saved.exists():
        return []
    result = json.loads(saved.read_text())
    stages = ", ".join(f"{name.removeprefix('newsgraph_')} {seconds:.2f} s"
                       for name, seconds in result["stage_seconds"].items())  # fmt: skip
    return [
        "",
        "## Speed",
        "",
        "`python benchmarks/throughput.py --repeat 1 --json docs/results/throughput.json` on "
        f"{result['machine']}, model {result['model']}: {result['documents']} documents, "
        f"{result['words']} words ({corpus_description(result)}), parsed by bare spaCy and by "
        "the full analysis in the same run.",
        "",
        "| | words/s | seconds |",
        "|---|---|---|",
        f"| bare spaCy (`nlp.pipe`) | {result['bare_spacy_words_per_s']:.0f} | "
        f"{result['bare_spacy_seconds']:.1f} |",
        f"| full analysis (all stages) | {result['full_analysis_words_per_s']:.0f} | "
        f"{result['full_analysis_seconds']:.1f} |",
        "",
        f"Time ratio full / bare: {result['ratio_full_to_bare_time']:.3f}. Per stage: {stages}.",
        *scale_lines(result),
    ]


def scale_lines(result: dict) -> list[str]:
    """Ingest with 1 and N workers, peak memory and the long stream (issue 9), when measured."""
    lines = []
    if result.get("cpu"):
        lines += ["", f"Machine: {result['cpu']}; load average during the run "
                  f"{result['load_average'][0]}–{result['load_average'][1]} (other jobs share "
                  "it, so wall-clock figures are noisy; CPU-time ratio full / bare: "
                  f"{result['throughput_ratio_full_to_bare_cpu']:.3f} in speed)."]  # fmt: skip
    if result.get("ingest"):
        lines += ["", "| ingest + analyze + store | articles/s (with start-up) | articles/s "
                  "(steady) | CPU s / article | peak RSS writer | peak RSS worker |",
                  "|---|---|---|---|---|---|"]  # fmt: skip
        for run in result["ingest"]:
            worker = run.get("peak_rss_mb_worker")
            lines.append(
                f"| {run['workers']} worker(s) | {run['articles_per_s']:.2f} | "
                f"{run['steady_articles_per_s']:.2f} | {run['cpu_seconds_per_article']:.2f} | "
                f"{run['peak_rss_mb_writer']:.0f} MB | {f'{worker:.0f} MB' if worker else '—'} |"
            )
    stream = result.get("stream")
    if stream:
        growth = stream["rss_growth_mb_per_1000_docs"]
        samples = [mb for _, mb in stream.get("rss_mb_samples", [])[1:]]
        spread = f"; {len(samples)} samples between {min(samples):.0f} and {max(samples):.0f} MB"
        lines += [
            "",
            f"Memory over a stream of {stream['documents']:,} documents "
            "(`--stream N --stream-only`): RSS "
            f"{stream['rss_mb_after_warmup']:.0f} MB after warm-up, "
            f"{stream['rss_mb_end']:.0f} MB at the end ({growth:+.1f} MB per 1,000"
            f"{spread if samples else ''})."
            + (f" Measured on commit {stream['commit']}." if stream.get("commit") else ""),
        ]
    return lines


def web_pages_section() -> list[str]:
    """The last `benchmarks/web_pages.py` runs, if any: SQLite (web_pages.json) and, beside
    it, PostgreSQL (web_pages_postgresql.json, `--postgres URL`)."""
    saved = DOCS / "results" / "web_pages.json"
    if not saved.exists():
        return []
    result = json.loads(saved.read_text())
    saved_pg = DOCS / "results" / "web_pages_postgresql.json"
    pg = json.loads(saved_pg.read_text()) if saved_pg.exists() else None
    big, small = f"{result['articles']:,}", result["baseline_articles"]
    lines = [
        "",
        "## Web pages",
        "",
        "`python benchmarks/web_pages.py --json docs/results/web_pages.json` on "
        f"{result['machine']}: median of {result['repeat']} requests (FastAPI TestClient) on a "
        f"synthetic database of {big} articles (copies of the bundled samples "
        f"with new ids, dates and places) and, in the same run, on {small}.",
    ]
    header = f"| request | {big} articles, ms | {small}, ms | ratio |"
    if pg:
        lines += [
            "",
            "PostgreSQL: `python benchmarks/web_pages.py --postgres postgresql://… --json "
            "docs/results/web_pages_postgresql.json`, the same requests on the same synthetic "
            f"databases stored in PostgreSQL (a local server on loopback, {pg['machine']}; "
            "another run).",
        ]
        header += f" PostgreSQL {pg['articles']:,}, ms | {pg['baseline_articles']}, ms | ratio |"
    lines += ["", header, "|---" * header.count(" | ") + "|---|"]
    for name, page in result["pages"].items():
        cells = [name, *_page_cells(page)]
        if pg:
            other = _matching_page(pg, name)
            cells += _page_cells(other) if other else ["", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _page_cells(page: dict) -> list[str]:
    return [f"{page['median_ms']:.1f}", f"{page['baseline_ms']:.1f}", f"{page['ratio']:.1f}"]


def _matching_page(result: dict, name: str) -> dict | None:
    """The same request in another run (the deep pages' offsets are in their names)."""
    pages = result["pages"]
    if name in pages:
        return pages[name]
    prefix = name.split(" (offset")[0]
    return next((p for n, p in pages.items() if n.split(" (offset")[0] == prefix), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--only", nargs="*", help="tasks to re-run; others keep their last JSON")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    (DOCS / "results").mkdir(parents=True, exist_ok=True)
    results = {}
    for evaluator in available_evaluators():
        saved = DOCS / "results" / f"{evaluator.name}.json"
        data = args.eval_dir / evaluator.dataset
        if (args.only is None or evaluator.name in args.only) and data.is_dir():
            results[evaluator.name] = run_task(evaluator.name, data, args.limit)
            saved.write_text(json.dumps(results[evaluator.name], indent=2) + "\n")
        elif saved.exists():
            results[evaluator.name] = json.loads(saved.read_text())
    (DOCS / "evaluation.md").write_text(render(results, args.limit))
    print(f"wrote {DOCS / 'evaluation.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
