"""trafilatura-eval: main-text segments (with / without) plus title, author and date accuracy.

Text metric (upstream `tests/evaluate.py`): each `with` segment found in the extracted text
(whitespace-normalised substring search) is a TP, a missing one an FN; each `without` segment
found is an FP, a missing one a TN. Precision, recall, F1 and accuracy are over all segments.

Metadata accuracies are over the entries whose gold has the field:
- date: the same calendar day. Both sides are read as year, month, day from the first
  `YYYY?MM?DD` in the string; a month above 12 with a day up to 12 is read as swapped
  (a gold typo such as "2022-29-11"). A missing prediction is wrong.
- title: equality after collapsing whitespace and case-folding.
- author: equality of the sets of names, splitting on ";", ",", "&", " and ", " und ",
  each name whitespace-collapsed and case-folded.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from newsgraph.errors import Rejected
from newsgraph.evaluate.metrics import SegmentCounts, count_segments, summarize_segments
from newsgraph.evaluate.registry import register
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.html import extract_html

_DATE = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})")
_AUTHOR_SPLIT = re.compile(r";|,|&| and | und ", re.IGNORECASE)


@dataclass
class Prediction:
    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None


@dataclass
class Tally:
    """Running counts for one system."""

    segments: SegmentCounts = field(default_factory=SegmentCounts)
    hits: dict[str, int] = field(default_factory=lambda: {"date": 0, "title": 0, "author": 0})
    totals: dict[str, int] = field(default_factory=lambda: {"date": 0, "title": 0, "author": 0})

    def add(self, item: dict[str, Any], prediction: Prediction) -> None:
        """Score one page's prediction against its gold entry."""
        self.segments.add(count_segments(prediction.text, item["with"], item["without"]))
        checks = {
            "date": lambda: match_date(item["date"], prediction.date),
            "title": lambda: match_title(item["title"], prediction.title),
            "author": lambda: match_authors(item["author"], prediction.authors),
        }
        for key, check in checks.items():
            if item.get(key):
                self.totals[key] += 1
                self.hits[key] += int(check())

    def summarize(self) -> dict[str, float]:
        """f1, precision, recall, accuracy and the three metadata accuracies."""
        scores = summarize_segments(self.segments)
        for key in ("date", "title", "author"):
            total = self.totals[key]
            scores[f"{key}_accuracy"] = self.hits[key] / total if total else 0.0
        return scores


def parse_day(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) from the first date-like run in `value`, or None."""
    match = _DATE.search(value or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if month > 12 and day <= 12:
        month, day = day, month
    return year, month, day


def match_date(gold: str, predicted: str | None) -> bool:
    """Same calendar day (see the module docstring)."""
    day = parse_day(gold)
    return day is not None and day == parse_day(predicted)


def _normalize(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def match_title(gold: str, predicted: str | None) -> bool:
    """Whitespace- and case-insensitive equality."""
    return bool(predicted) and _normalize(gold) == _normalize(predicted)


def split_names(value: str | list[str] | None) -> set[str]:
    """Normalised author names from a gold or predicted author string or list."""
    joined = ";".join(value) if isinstance(value, list) else (value or "")
    return {_normalize(name) for name in _AUTHOR_SPLIT.split(joined) if _normalize(name)}


def match_authors(gold: str | list[str], predicted: list[str]) -> bool:
    """Equal sets of normalised names."""
    names = split_names(gold)
    return bool(names) and names == split_names(predicted)


def read_entries(data_dir: Path, limit: int | None) -> Iterator[tuple[str | None, dict, str]]:
    """Yield (page URL or None, gold entry, decoded HTML) for the first `limit` entries."""
    data = json.loads((data_dir / "evaldata.json").read_text(encoding="utf-8"))
    for index, (key, item) in enumerate(data.items()):
        if limit is not None and index >= limit:
            break
        raw = gzip.decompress((data_dir / "html" / item["file"]).read_bytes())
        url = key.strip() if key.startswith(("http://", "https://")) else None
        yield url, item, decode_bytes(raw, html=True).text


def predict_newsgraph(html: str, url: str | None) -> Prediction:
    """newsgraph's text and metadata; an empty prediction when the page is rejected."""
    try:
        result = extract_html(html, url)
    except Rejected:
        return Prediction()
    return Prediction(result.text, result.title, result.authors, result.published)


def predict_trafilatura(html: str, url: str | None) -> Prediction:
    """Plain `trafilatura.bare_extraction(html, url=url, with_metadata=True)`."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return Prediction()
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return Prediction(document.text or "", document.title, authors, document.date)


@register("trafilatura-eval", "main-text segments and title/author/date on trafilatura's benchmark")
def evaluate_trafilatura(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Score newsgraph and plain trafilatura on trafilatura's evaluation entries."""
    ours, baseline = Tally(), Tally()
    n = 0
    for n, (url, item, html) in enumerate(read_entries(data_dir, limit), start=1):
        ours.add(item, predict_newsgraph(html, url))
        baseline.add(item, predict_trafilatura(html, url))
        if n % 50 == 0:
            print(f"trafilatura-eval: {n} entries", file=sys.stderr)
    keys = ("f1", "precision", "recall", "date_accuracy", "title_accuracy", "author_accuracy")
    ours_scores, base_scores = ours.summarize(), baseline.summarize()
    result: dict[str, Any] = {key: ours_scores[key] for key in keys}
    result["n"] = n
    result["baseline"] = {"trafilatura": {key: base_scores[key] for key in keys}}
    return result
