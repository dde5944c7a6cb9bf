"""Evaluator for TempEval-3 Task A (SemEval-2013 Task 1): time expression extents and values.

Reads TimeML `.tml` files (anywhere under the data folder; a document whose DOCID was already
seen, such as the testpipeline copy, is skipped). The document creation time is the
CREATION_TIME TIMEX3 in `<DCT>`; gold timexes are the TIMEX3 elements inside `<TEXT>`.

Metrics, as in the task paper (UzZaman et al. 2013, section 4.1) and its toolkit:
- extent: strict match = identical span, relaxed match = overlapping spans; P = matches /
  system timexes, R = matches / gold timexes. Each gold timex matches at most one system timex
  (one-to-one, in text order), so overlapping duplicates cannot both count. Spans are character
  offsets with surrounding whitespace ignored (the toolkit compares tokens: the same thing for
  whole-word spans).
- attributes (type, value) over relaxed matches: attribute P = correct / system timexes,
  attribute R = correct / gold timexes, attribute F1 = 2PR/(P+R) (which equals relaxed F1 times
  the attribute accuracy). `type_accuracy` = correct types / relaxed matches; `value_f1` is the
  ranking measure of the task (HeidelTime: 77.61 on the platinum test set). Values are compared
  as strings, exactly.

The baseline is dateparser's `search_dates` with RELATIVE_BASE = the DCT and past dates
preferred; each found string is re-read with `DateDataParser` to learn its period (day, month,
year, time), which sets the value's precision. Its type is DATE (TIME for a time period).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsgraph.analyze.timex import find_time_expressions
from newsgraph.evaluate.metrics import compute_f1
from newsgraph.evaluate.registry import register


@dataclass(frozen=True)
class Timex:
    """A time expression as the scorer sees it: span, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    doc_id: str
    dct: str  # the CREATION_TIME value: "1998-01-08" or "1998-02-13T15:44:00"
    text: str
    timexes: list[Timex] = field(default_factory=list)


@dataclass
class TaskCounts:
    """Counts summed over documents for one system."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: TaskCounts) -> None:
        """Add another document's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


Tagger = Callable[[str, str], list[Timex]]

# --- reading ---------------------------------------------------------------------------------


def read_timeml(path: Path) -> TimeMLDocument:
    """One TimeML file: its DOCID, DCT, plain text and gold timexes with character offsets."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value", "") if dct_node is not None else ""
    text_node = root.find("TEXT")
    pieces: list[str] = []
    timexes: list[Timex] = []
    if text_node is not None:
        collect_text(text_node, pieces, timexes, top=True)
    return TimeMLDocument(
        root.findtext("DOCID", default=path.stem).strip(), dct, "".join(pieces), timexes
    )


def collect_text(node: ET.Element, pieces: list[str], timexes: list[Timex], top: bool) -> None:
    """Append the text under `node` to `pieces`, recording each TIMEX3's offsets."""
    start = sum(len(p) for p in pieces)
    pieces.append(node.text or "")
    for child in node:
        collect_text(child, pieces, timexes, top=False)
        pieces.append(child.tail or "")
    if node.tag == "TIMEX3" and not top:
        end = sum(len(p) for p in pieces)
        inner = "".join(node.itertext())
        start, end = strip_span(inner, start, end)
        timexes.append(Timex(start, end, node.get("type", ""), node.get("value", "")))


def strip_span(inner: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends."""
    return start + len(inner) - len(inner.lstrip()), end - (len(inner) - len(inner.rstrip()))


def find_timeml_files(data_dir: Path) -> Iterator[Path]:
    """Every .tml file under the folder, in a stable order."""
    yield from sorted(data_dir.rglob("*.tml"))


def read_documents(data_dir: Path, limit: int | None) -> list[TimeMLDocument]:
    """The distinct documents (by DOCID), at most `limit` of them."""
    seen: set[str] = set()
    documents = []
    for path in find_timeml_files(data_dir):
        document = read_timeml(path)
        if document.doc_id in seen:
            continue
        seen.add(document.doc_id)
        documents.append(document)
        if limit is not None and len(documents) >= limit:
            break
    return documents


# --- scoring ---------------------------------------------------------------------------------


def score_document(gold: list[Timex], system: list[Timex]) -> TaskCounts:
    """Task A counts for one document (one-to-one matching, strict matches first)."""
    counts = TaskCounts(system=len(system), gold=len(gold))
    free = list(system)
    pairs: list[tuple[Timex, Timex]] = []
    unmatched = []
    for g in gold:
        exact = next((s for s in free if (s.start, s.end) == (g.start, g.end)), None)
        if exact is None:
            unmatched.append(g)
            continue
        free.remove(exact)
        pairs.append((g, exact))
        counts.strict += 1
    for g in unmatched:
        overlap = next((s for s in free if s.start < g.end and g.start < s.end), None)
        if overlap is not None:
            free.remove(overlap)
            pairs.append((g, overlap))
    counts.relaxed = len(pairs)
    counts.type_correct = sum(1 for g, s in pairs if g.type == s.type)
    counts.value_correct = sum(1 for g, s in pairs if g.value == s.value)
    return counts


def summarize_counts(counts: TaskCounts) -> dict[str, Any]:
    """The Task A metrics from summed counts."""

    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    metrics: dict[str, Any] = {"n": counts.gold, "n_system": counts.system}
    for name, matched in (
        ("strict", counts.strict),
        ("relaxed", counts.relaxed),
        ("type", counts.type_correct),
        ("value", counts.value_correct),
    ):
        precision, recall = ratio(matched, counts.system), ratio(matched, counts.gold)
        metrics[f"{name}_precision"] = round(precision, 4)
        metrics[f"{name}_recall"] = round(recall, 4)
        metrics[f"{name}_f1"] = round(compute_f1(precision, recall), 4)
    metrics["type_accuracy"] = round(ratio(counts.type_correct, counts.relaxed), 4)
    metrics["value_accuracy"] = round(ratio(counts.value_correct, counts.relaxed), 4)
    return metrics


def score_tagger(documents: list[TimeMLDocument], tagger: Tagger, label: str) -> dict[str, Any]:
    """Run a tagger over the documents and score it."""
    total = TaskCounts()
    for index, document in enumerate(documents, 1):
        total.add(score_document(document.timexes, tagger(document.text, document.dct)))
        if index % 50 == 0:
            print(f"tempeval3 [{label}]: {index}/{len(documents)} documents", file=sys.stderr)
    return summarize_counts(total)


# --- taggers ---------------------------------------------------------------------------------


def tag_newsgraph(text: str, dct: str) -> list[Timex]:
    """newsgraph's time expressions, anchored at the DCT."""
    return [
        Timex(t.span[0], t.span[1], t.type, t.value or "")
        for t in find_time_expressions(text, dct or None)
    ]


DATEPARSER_FORMATS = {"time": "%Y-%m-%dT%H:%M", "day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
_DIGITS_RE = re.compile(r"\d")


def tag_dateparser(text: str, dct: str) -> list[Timex]:
    """dateparser's `search_dates` anchored at the DCT (the baseline)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.fromisoformat(dct[:19]) if dct else datetime.now()
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    timexes, position = [], 0
    for phrase, moment in found:
        start = text.find(phrase, position)
        if start < 0:
            continue
        position = start + len(phrase)
        period = parser.get_date_data(phrase).period or "day"
        value = moment.strftime(DATEPARSER_FORMATS.get(period, "%Y-%m-%d"))
        kind = "TIME" if period == "time" and _DIGITS_RE.search(phrase) else "DATE"
        timexes.append(Timex(start, position, kind, value))
    return timexes


@register("tempeval3", "TempEval-3 Task A: time expression extents, types and values (TimeML)")
def evaluate_tempeval3(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Score newsgraph and the dateparser baseline on every TimeML document under data_dir."""
    documents = read_documents(data_dir, limit)
    print(f"tempeval3: {len(documents)} documents", file=sys.stderr)
    metrics = score_tagger(documents, tag_newsgraph, "newsgraph")
    metrics["n_documents"] = len(documents)
    metrics["baseline"] = {"dateparser": score_tagger(documents, tag_dateparser, "dateparser")}
    return metrics
