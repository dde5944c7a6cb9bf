"""Evaluator for plover-gsr: the PLOVER gold-standard records (re-coded CAMEO manual examples,
one sentence each; see FORMAT.md). Each record's `text` goes through newsgraph's analysis once;
its events and its counts are scored.

Events, on every record (`n`). The gold is coded in an older PLOVER vocabulary (DEMAND,
DISAPPROVE, INVESTIGATE, FIGHT; modes such as strike-hun, demo-org, riot-spon): its `event` and
`mode` are first translated to the 2024 names by `ontology.events.normalize_plover`
(ontology/data/plover_aliases.tsv), e.g. DEMAND -> REQUEST, DISAPPROVE -> ACCUSE/disapprove,
FIGHT/heavy-weapons -> ASSAULT/heavy-weapons. Ours is the record's main event
(`analyze.events.main_event`: factual before other modalities, then the most confident); a
record where we find no event counts as a miss with the label "none".
- `type_accuracy`: share of records whose main event has the gold type.
- `type_macro_f1`: F1 of each gold type (one-vs-rest over records, "none" a wrong label), averaged
  over the types that occur in the gold.
- `mode_accuracy` over the `n_mode` records whose gold writes a mode: our main event has the gold
  type and the gold (translated) mode. Modes a type implies (DISAPPROVE -> disapprove) do not
  make a record count here.
- `source_match` / `target_match` over the `n_source` / `n_target` records whose gold has actors
  in that role (a list of `{actorText, ...}`; an empty or string value has none): the role
  matches when some actor text of our main event in that role and some gold `actorText` share a
  word, words being `\\w+` runs, case-folded, with a few function words ("the", "of", "and" ...)
  left out. "Senior Hungarian and Romanian officials" matches "Hungarian". No main event, or no
  actor in the role, is a miss. Actor codes are not compared.
`baseline`: every record given the most frequent gold type (its accuracy and macro-F1), and
every gold mode the most frequent gold mode.

Counts, on the records that carry them:
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
the count baselines (most frequent gold value of each field) sit in `baseline` beside the event
ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.evaluate.gva import sum_by_trigger
from newsgraph.evaluate.metrics import compute_f1
from newsgraph.evaluate.registry import register
from newsgraph.ontology.events import normalize_plover
from newsgraph.records import Count, Document, Event

RECORDS_FILE = "PLOVER_GSR_CAMEO.txt"
SIZE_TYPES = (
    "crowd", "detained", "kidnapped", "expelled", "displaced", "evacuated", "casualties",
    "deployed", "missing", "affected", "seized",
)  # fmt: skip
COUNT_FIELDS = ("dead", "injured", "size")
NO_EVENT = "none"
ACTOR_ROLES = ("source", "target")
FUNCTION_WORDS = frozenset(
    ("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
     "its", "his", "her", "their", "s")
)  # fmt: skip
_WORD = re.compile(r"\w+")


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


# --- events -------------------------------------------------------------------------------


def gold_event(record: dict[str, Any]) -> tuple[str, str | None]:
    """The record's (type, mode) in the 2024 PLOVER names."""
    return normalize_plover(str(record.get("event") or ""), str(record.get("mode") or ""))


def gold_actor_texts(record: dict[str, Any], role: str) -> list[str]:
    """The `actorText` values of the record's `source` or `target` list (none for "" or a
    string, which some records hold instead of a list)."""
    value = record.get(role)
    if not isinstance(value, list):
        return []
    texts = [str(a.get("actorText") or "").strip() for a in value if isinstance(a, dict)]
    return [t for t in texts if t]


def content_words(text: str) -> set[str]:
    """Case-folded `\\w+` words of a text, function words left out."""
    return {w for w in _WORD.findall(text.casefold()) if w not in FUNCTION_WORDS}


def actors_overlap(predicted: list[str], gold: list[str]) -> bool:
    """Whether some predicted actor text shares a content word with some gold actor text."""
    gold_words = set().union(*(content_words(t) for t in gold)) if gold else set()
    return any(content_words(text) & gold_words for text in predicted)


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """One-vs-rest F1 of each label occurring in `gold`, averaged (see the module docstring)."""
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(compute_f1(precision, recall))
    return sum(scores) / len(scores) if scores else 0.0


def score_event_records(
    records: list[dict[str, Any]], main_events: list[Event | None]
) -> dict[str, Any]:
    """Type, mode and actor scores of each record's main event against its gold (see the module
    docstring); `main_events[i]` is None when we found no event in record i."""
    gold_types: list[str] = []
    predicted_types: list[str] = []
    gold_modes: list[str] = []
    mode_hits = 0
    role_hits: Counter[str] = Counter()
    role_totals: Counter[str] = Counter()
    for record, event in zip(records, main_events, strict=True):
        type_, mode = gold_event(record)
        gold_types.append(type_)
        predicted_types.append(event.type if event is not None else NO_EVENT)
        if has_value(record, "mode") and mode is not None:
            gold_modes.append(mode)
            mode_hits += event is not None and (event.type, event.mode) == (type_, mode)
        for role in ACTOR_ROLES:
            gold_texts = gold_actor_texts(record, role)
            if not gold_texts:
                continue
            role_totals[role] += 1
            ours = [a.text for a in event.actors_in(role)] if event is not None else []
            role_hits[role] += actors_overlap(ours, gold_texts)
    n = len(records)
    type_hits = sum(g == p for g, p in zip(gold_types, predicted_types, strict=True))
    result: dict[str, Any] = {
        "type_accuracy": _share(type_hits, n),
        "type_macro_f1": round(macro_f1(gold_types, predicted_types), 4) if n else None,
        "mode_accuracy": _share(mode_hits, len(gold_modes)),
        "source_match": _share(role_hits["source"], role_totals["source"]),
        "target_match": _share(role_hits["target"], role_totals["target"]),
        "n": n,
        "n_mode": len(gold_modes),
        "n_source": role_totals["source"],
        "n_target": role_totals["target"],
        "n_no_event": predicted_types.count(NO_EVENT),
    }
    common_type = Counter(gold_types).most_common(1)
    common_mode = Counter(gold_modes).most_common(1)
    constant = [common_type[0][0]] * n if common_type else []
    result["baseline"] = {
        "method": "most frequent gold type (and mode) for every record",
        "type": common_type[0][0] if common_type else None,
        "type_accuracy": _share(common_type[0][1], n) if common_type else None,
        "type_macro_f1": round(macro_f1(gold_types, constant), 4) if n else None,
        "mode": common_mode[0][0] if common_mode else None,
        "mode_accuracy": _share(common_mode[0][1], len(gold_modes)) if common_mode else None,
    }
    return result


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate_records(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Analyse every record once; score its main event, and its counts where it has them."""
    from newsgraph.analyze import analyze_documents
    from newsgraph.analyze.events import main_event

    records = read_records(data_dir, limit)
    documents = [
        Document(text=r["text"], source=r["id"], source_kind="text", published=r.get("date"))
        for r in records
    ]
    analyses = list(analyze_documents(documents))
    result = score_event_records(records, [main_event(a.events) for a in analyses])
    with_counts = [
        (record, analysis.counts)
        for record, analysis in zip(records, analyses, strict=True)
        if any(has_value(record, f) for f in COUNT_FIELDS)
    ]
    counts = score_count_records([r for r, _ in with_counts], [c for _, c in with_counts])
    baseline = {**counts.pop("baseline"), **result.pop("baseline")}
    baseline["method"] = "most frequent gold value of each field (type, mode, dead, injured, size)"
    return {**result, **counts, "baseline": baseline}


@register("plover-gsr", "PLOVER gold-standard records: event type, mode, actors; counts")
def evaluate_plover_gsr(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Event and count scores (see the module docstring). `limit` takes the first N records of
    the file."""
    return evaluate_records(data_dir, limit)
