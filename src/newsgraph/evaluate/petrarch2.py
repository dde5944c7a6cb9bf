"""Evaluator for petrarch2: PETRARCH2's validation suite (stylised and real news sentences with
their expected CAMEO codings; see FORMAT.md). A sanity suite, with no target: its actors are
fictional and its dictionaries small and partly made up, so only CAMEO roots are compared.

Each `<Sentence>`'s `<Text>` goes through newsgraph's analysis (published = the record's date);
our roots are the two-digit roots of its events' `cameo` codes, every event counted whatever its
modality (PETRARCH codes "will abandon ties" too). Expected codings are read as follows:
- a record whose codings carry `error` (dateline, bad parse, discarded story) tests PETRARCH's
  input handling and is skipped (`n_skipped_error`);
- a record with no coding, or only `noevents="True"`, is a no-event record;
- other codings give their `eventcode` root. Roots outside CAMEO's 03-20 are left out: 01 and
  02 (statements, appeals), which PLOVER and so newsgraph drop, and the suite's made-up codes
  (22x, 34x, 80x, 9xx) that only its validation dictionaries know. A record left with no root
  is skipped (`n_skipped_code`).
Metrics, over the `n` records with expected roots:
- `root_accuracy`: share of records whose roots include every expected root;
- `root_precision` / `root_recall`: per record, our distinct roots against the expected distinct
  roots (no actors, no triples), summed over records; the roots we produce on no-event records
  count against precision;
- `no_event_agreement`: over the `n_no_event` no-event records, the share where we produce no
  event at all.
`baseline`: every record given the most frequent expected root (same rules).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import compute_f1
from newsgraph.evaluate.registry import register
from newsgraph.records import Document, Event

RECORDS_FILE = "PETR.UnitTest.records.xml"
SCORED_ROOTS = frozenset(f"{n:02d}" for n in range(3, 21))


@dataclass(frozen=True)
class ValidationRecord:
    """One `<Sentence>`: its text, date, and expected codings."""

    id: str
    date: str | None  # ISO date, from the record's YYYYMMDD
    text: str
    codes: tuple[str, ...]  # the `eventcode` of every coding that has one
    error: bool  # a coding carries `error`: the record tests input handling
    no_event: bool  # no coding, or only `noevents="True"`

    @property
    def roots(self) -> frozenset[str]:
        """The expected roots newsgraph can produce (see the module docstring)."""
        return frozenset(c[:2] for c in self.codes if c[:2] in SCORED_ROOTS)


def iso_date(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None


def read_records(data_dir: Path, limit: int | None = None) -> list[ValidationRecord]:
    """The `<Sentence>` records of every records file under `data_dir`, in file order."""
    records: list[ValidationRecord] = []
    for path in sorted(data_dir.rglob(RECORDS_FILE)):
        for sentence in ET.parse(path).getroot().iter("Sentence"):
            codings = sentence.findall("EventCoding")
            codes = tuple(c.get("eventcode", "").strip() for c in codings if c.get("eventcode"))
            error = any(c.get("error") for c in codings)
            no_event = not codes and all(
                str(c.get("noevents", "")).lower() == "true" for c in codings
            )
            records.append(
                ValidationRecord(
                    id=sentence.get("id", ""),
                    date=iso_date(sentence.get("date")),
                    text=" ".join((sentence.findtext("Text") or "").split()),
                    codes=codes,
                    error=error,
                    no_event=no_event and not error,
                )
            )
    return records[:limit] if limit is not None else records


def event_roots(events: list[Event]) -> frozenset[str]:
    """The two-digit CAMEO roots of our events."""
    return frozenset(e.cameo[:2] for e in events if len(e.cameo) >= 2)


def score_records(
    records: list[ValidationRecord], predicted: list[frozenset[str]]
) -> dict[str, Any]:
    """Root accuracy, root precision/recall and no-event agreement (see the module docstring),
    with the baseline; `predicted[i]` is the set of our roots for record i (empty: no event)."""
    result = root_scores(records, predicted)
    result["baseline"] = constant_baseline(records)
    return result


def root_scores(records: list[ValidationRecord], predicted: list[frozenset[str]]) -> dict[str, Any]:
    """The metrics of `score_records`, without the baseline."""
    hits = tp = fp = fn = 0
    scored = no_event = quiet = skipped_error = skipped_code = 0
    for record, ours in zip(records, predicted, strict=True):
        if record.error:
            skipped_error += 1
        elif record.no_event:
            no_event += 1
            quiet += not ours
            fp += len(ours)
        elif not record.roots:
            skipped_code += 1
        else:
            scored += 1
            expected = record.roots
            hits += expected <= ours
            tp += len(expected & ours)
            fp += len(ours - expected)
            fn += len(expected - ours)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "root_accuracy": _share(hits, scored),
        "root_precision": round(precision, 4),
        "root_recall": round(recall, 4),
        "root_f1": round(compute_f1(precision, recall), 4),
        "no_event_agreement": _share(quiet, no_event),
        "n": scored,
        "n_no_event": no_event,
        "n_skipped_error": skipped_error,
        "n_skipped_code": skipped_code,
    }


def constant_baseline(records: list[ValidationRecord]) -> dict[str, Any]:
    """Every record given the most frequent expected root, scored like ours."""
    counts = Counter(root for r in records if not (r.error or r.no_event) for root in r.roots)
    method = "most frequent expected root for every record"
    if not counts:
        return {"method": method, "root": None}
    root = counts.most_common(1)[0][0]
    scores = root_scores(records, [frozenset({root})] * len(records))
    keys = ("root_accuracy", "root_precision", "root_recall", "root_f1", "no_event_agreement")
    return {"method": method, "root": root, **{k: scores[k] for k in keys}}


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


@register("petrarch2", "PETRARCH2 validation records: CAMEO root of the events (sanity suite)")
def evaluate_petrarch2(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Analyse every record's text and score our CAMEO roots. `limit` takes the first N records
    of the file."""
    from newsgraph.analyze import analyze_documents

    records = read_records(data_dir, limit)
    documents = [
        Document(text=r.text, source=r.id, source_kind="text", published=r.date) for r in records
    ]
    predicted = [event_roots(a.events) for a in analyze_documents(documents)]
    return score_records(records, predicted)
