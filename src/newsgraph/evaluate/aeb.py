"""Scrapinghub Article Extraction Benchmark (AEB): article body text, shingle-overlap metric.

The metric follows upstream `evaluate.py`: `\\w+` tokens, 4-gram shingles, multiset overlap
normalised per page; precision is the mean over pages that predicted something, recall the
mean over pages with gold text, F1 comes from those two means; accuracy is the share of pages
whose predicted token sequence equals the gold one. Bootstrap deviations are not computed.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import trafilatura

from newsgraph.errors import Rejected
from newsgraph.evaluate.metrics import match_tokens, summarize_overlaps
from newsgraph.evaluate.registry import register
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.html import extract_html, extract_readability
from newsgraph.shingles import overlap_shingles

Extractor = Callable[[str, str | None], str]


def read_pages(data_dir: Path, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """Yield (url, gold body, decoded HTML) for the first `limit` pages of ground-truth.json."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for index, (page_id, record) in enumerate(truth.items()):
        if limit is not None and index >= limit:
            break
        raw = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        yield (
            record.get("url", ""),
            record.get("articleBody", ""),
            decode_bytes(raw, html=True).text,
        )


def run_newsgraph(html: str, url: str | None) -> str:
    """newsgraph's body text, "" when the page is rejected."""
    try:
        return extract_html(html, url).text
    except Rejected:
        return ""


def run_trafilatura(html: str, url: str | None) -> str:
    """Plain `trafilatura.extract(html)` with its default settings."""
    return trafilatura.extract(html) or ""


def run_readability(html: str, url: str | None) -> str:
    """readability-lxml's main text."""
    return extract_readability(html)


SYSTEMS: dict[str, Extractor] = {
    "newsgraph": run_newsgraph,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
}


@register("scrapinghub-aeb", "article body F1 on the Scrapinghub Article Extraction Benchmark")
def evaluate_aeb(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Score newsgraph, plain trafilatura and readability-lxml on the AEB pages."""
    overlaps: dict[str, list] = {name: [] for name in SYSTEMS}
    exact: dict[str, list[bool]] = {name: [] for name in SYSTEMS}
    n = 0
    for n, (url, gold, html) in enumerate(read_pages(data_dir, limit), start=1):
        for name, extract in SYSTEMS.items():
            predicted = extract(html, url or None)
            overlaps[name].append(overlap_shingles(gold, predicted))
            exact[name].append(match_tokens(gold, predicted))
        if n % 20 == 0:
            print(f"scrapinghub-aeb: {n} pages", file=sys.stderr)
    scores = {name: summarize_overlaps(overlaps[name], exact[name]) for name in SYSTEMS}
    result: dict[str, Any] = dict(scores.pop("newsgraph"))
    result["n"] = n
    result["baseline"] = scores
    return result
