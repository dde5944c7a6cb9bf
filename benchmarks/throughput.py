"""Throughput of the analysis against bare spaCy, measured in one run on one corpus.

The corpus: the bundled samples, the running example and the article bodies of the
scrapinghub-aeb gold (read from ../shared, never copied). Both sides parse the same texts with
the same model and batch size; the ratio is full analysis time / bare spaCy time.

    python benchmarks/throughput.py [--limit N] [--repeat R] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import spacy

from newsgraph.analyze.pipeline import BATCH_SIZE, analyze_documents, load_pipeline, model_name
from newsgraph.api import extract_all
from newsgraph.records import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_corpus(limit: int | None) -> list[Document]:
    documents = [a.document for a in extract_all(REPO / "samples" / "articles", analyze=False)]
    example = SHARED / "examples" / "kazakhstan-unrest-2022.txt"
    if example.exists():
        documents.append(extract_all(example, analyze=False)[0].document)
    gold = SHARED / "eval" / "scrapinghub-aeb" / "ground-truth.json"
    if gold.exists():
        for page_id, record in json.loads(gold.read_text(encoding="utf-8")).items():
            documents.append(Document(text=record["articleBody"], source=page_id,
                                      source_kind="text", language="en"))  # fmt: skip
    return documents[:limit] if limit else documents


def time_bare_spacy(texts: list[str]) -> float:
    nlp = spacy.load(model_name())
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start


def time_full_analysis(documents: list[Document]) -> tuple[float, dict[str, float]]:
    """Total seconds, and seconds spent in each newsgraph stage."""
    stage_seconds: dict[str, float] = {}
    start = time.perf_counter()
    for _analysis in analyze_documents(documents, load_pipeline(), timings=stage_seconds):
        pass
    return time.perf_counter() - start, stage_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs for each side")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    documents = load_corpus(args.limit)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    load_pipeline()  # load (and build the gazetteer cache) before timing
    time_bare_spacy(texts[:5])
    bare = min(time_bare_spacy(texts) for _ in range(args.repeat))
    runs = [time_full_analysis(documents) for _ in range(args.repeat)]
    full, stages = min(runs, key=lambda run: run[0])
    result = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "model": model_name(),
        "documents": len(documents),
        "words": words,
        "bare_spacy_words_per_s": words / bare,
        "full_analysis_words_per_s": words / full,
        "full_analysis_docs_per_s": len(documents) / full,
        "ratio_full_to_bare_time": full / bare,
        "stage_seconds": stages,
        "bare_spacy_seconds": bare,
        "full_analysis_seconds": full,
    }
    for key, value in result.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
