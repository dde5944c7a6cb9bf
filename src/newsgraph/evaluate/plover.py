"""Evaluator for plover-gsr: the PLOVER gold-standard records (re-coded CAMEO manual examples,
one sentence each; see FORMAT.md). This module scores the records' counts; event-type scoring
comes with the events stage.

Counts: each record's `text` goes through newsgraph's analysis.
- `dead` is compared with the sentence's killed figure, `injured` with its injured figure (counts
  sharing a trigger added up, the largest kept, as in the gva evaluator).
- `size` is the number of participants or people acted on (protesters, but also the people
  arrested, deported, kidnapped or driven out). Our size is the sentence's crowd count, else its
  first count of another type that is not killed or injured (in the order of SIZE_TYPES).
  A numeric gold size matches the number as written: "more than 1,000" (low 1,001) and "up to
  100" match "1000" and "100". A worded gold size ("Thousands", "Hundreds of thousands")
  matches a vague count with that table range. Other words ("group") and a record with no count
  of ours are misses.
Keys: `dead_accuracy`, `injured_accuracy`, `size_accuracy` with `n_dead`, `n_injured`, `n_size`;
`baseline` is the most frequent gold value of each field.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.evaluate.gva import sum_by_trigger
from newsgraph.evaluate.registry import register
from newsgraph.records import Count, Document

RECORDS_FILE = "PLOVER_GSR_CAMEO.txt"
SIZE_TYPES = (
    "crowd", "detained", "kidnapped", "expelled", "displaced", "evacuated", "casualties",
    "deployed", "missing", "affected", "seized",
)  # fmt: skip
COUNT_FIELDS = ("dead", "injured", "size")


def read_records(data_dir: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The coded records (the DOCUMENT header dropped) of every records file under `data_dir`."""
    records: list[dict[str, Any]] = []
    for path in sorted(data_dir.rglob(RECORDS_FILE)):
        records.extend(
            r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"
        )
    return records[:limit] if limit is not None else records


def has_value(record: dict[str, Any], name: str) -> bool:
    return str(record.get(name) or "").strip() != ""


def stated_values(count: Count) -> set[int]:
    """The numbers a count can have been written as: its bounds, and for a strict bound ("more
    than 1,000", "fewer than 10") the number before the shift."""
    values = {v for v in (count.low, count.high) if v is not None}
    if count.qualifier == "at_least" and count.low is not None:
        values.add(count.low - 1)
    if count.qualifier == "at_most" and count.high is not None:
        values.add(count.high + 1)
    return values


def pick_size_count(counts: list[Count]) -> Count | None:
    """The count that gives an event's size (see the module docstring)."""
    for kind in SIZE_TYPES:
        for count in counts:
            if count.type == kind:
                return count
    return None


def size_matches(gold: str, count: Count | None, vague: dict[str, tuple[int, int | None]]) -> bool:
    """Whether our size count agrees with the gold `size` string."""
    if count is None:
        return False
    text = gold.strip().replace(",", "")
    if text.isdigit():
        return int(text) in stated_values(count)
    bounds = vague.get(text.lower())
    return bounds is not None and count.qualifier == "vague" and (count.low, count.high) == bounds


def score_count_records(
    records: list[dict[str, Any]], counts_of: list[list[Count]]
) -> dict[str, Any]:
    """Accuracy of dead, injured and size over the records that carry each field."""
    from newsgraph.analyze.counts import load_lexicons

    vague = load_lexicons().vague
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    gold_values: dict[str, list[str]] = {name: [] for name in COUNT_FIELDS}
    for record, counts in zip(records, counts_of, strict=True):
        for name, kind in (("dead", "killed"), ("injured", "injured")):
            if has_value(record, name):
                totals[name] += 1
                gold_values[name].append(str(record[name]).strip())
                figure = max(sum_by_trigger(counts, kind), default=None)
                hits[name] += str(figure) == str(record[name]).strip()
        if has_value(record, "size"):
            totals["size"] += 1
            gold_values["size"].append(str(record["size"]).strip())
            hits["size"] += size_matches(str(record["size"]), pick_size_count(counts), vague)
    result: dict[str, Any] = {}
    baseline: dict[str, Any] = {"method": "most frequent gold value"}
    for name in COUNT_FIELDS:
        n = totals[name]
        result[f"{name}_accuracy"] = round(hits[name] / n, 4) if n else None
        result[f"n_{name}"] = n
        common = Counter(gold_values[name]).most_common(1)
        baseline[f"{name}_value"] = common[0][0] if common else None
        baseline[f"{name}_accuracy"] = round(common[0][1] / n, 4) if n else None
    result["baseline"] = baseline
    return result


def evaluate_counts(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Run the analysis on the records that carry dead, injured or size and score the counts."""
    from newsgraph.analyze import analyze_documents

    records = [
        r for r in read_records(data_dir, limit) if any(has_value(r, f) for f in COUNT_FIELDS)
    ]
    documents = [
        Document(text=r["text"], source=r["id"], source_kind="text", published=r.get("date"))
        for r in records
    ]
    counts_of = [analysis.counts for analysis in analyze_documents(documents)]
    return score_count_records(records, counts_of)


@register("plover-gsr", "PLOVER gold-standard records: dead, injured and size counts")
def evaluate_plover_gsr(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """The count scores (event-type scores join them with the events stage). `limit` takes the
    first N records of the file."""
    return evaluate_counts(data_dir, limit)
