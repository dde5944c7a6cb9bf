"""Small pure scoring helpers shared by the evaluators: shingle overlap and precision/recall/F1."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgraph.shingles import Overlap, tokenize_words

_SPACE_RE = re.compile(r"\s+")


@dataclass
class SegmentCounts:
    """Confusion counts over text segments (trafilatura-eval's with/without lists)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: SegmentCounts) -> None:
        """Add another page's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn


def score_precision(overlap: Overlap) -> float:
    """Page precision as AEB defines it: 1 for a perfect page, 0 when nothing is right."""
    if overlap.fp == overlap.fn == 0:
        return 1.0
    if overlap.tp == overlap.fp == 0:
        return 0.0
    return overlap.tp / (overlap.tp + overlap.fp)


def score_recall(overlap: Overlap) -> float:
    """Page recall as AEB defines it: 1 for a perfect page, 0 when nothing is found."""
    if overlap.fp == overlap.fn == 0:
        return 1.0
    if overlap.tp == overlap.fn == 0:
        return 0.0
    return overlap.tp / (overlap.tp + overlap.fn)


def compute_f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarize_overlaps(overlaps: Iterable[Overlap], exact: Iterable[bool]) -> dict[str, float]:
    """AEB summary: precision over pages that predicted something, recall over pages with gold
    text, F1 from those two means, accuracy = share of exact token-sequence matches."""
    pages = list(overlaps)
    precision = _mean([score_precision(o) for o in pages if o.tp + o.fp > 0])
    recall = _mean([score_recall(o) for o in pages if o.tp + o.fn > 0])
    matches = [1.0 if same else 0.0 for same in exact]
    return {
        "f1": compute_f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": _mean(matches),
    }


def match_tokens(gold: str | None, predicted: str | None) -> bool:
    """True when both texts have exactly the same `\\w+` token sequence."""
    return tokenize_words(gold) == tokenize_words(predicted)


def normalize_space(text: str) -> str:
    """Collapse whitespace runs to one space and strip the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def count_segments(text: str | None, with_: Sequence[str], without: Sequence[str]) -> SegmentCounts:
    """Segment confusion counts: whitespace-normalised substring search of each segment."""
    haystack = normalize_space(text) if text else ""
    found_with = sum(1 for s in with_ if haystack and normalize_space(s) in haystack)
    found_without = sum(1 for s in without if haystack and normalize_space(s) in haystack)
    return SegmentCounts(
        tp=found_with,
        fp=found_without,
        fn=len(with_) - found_with,
        tn=len(without) - found_without,
    )


def summarize_segments(counts: SegmentCounts) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over all segments (0.0 for an empty denominator)."""
    c = counts
    precision = c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0
    recall = c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0
    total = c.tp + c.fp + c.fn + c.tn
    return {
        "f1": compute_f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": (c.tp + c.tn) / total if total else 0.0,
    }


def classification_f1(
    gold: Sequence[str], predicted: Sequence[str | None], labels: Iterable[str] | None = None
) -> dict[str, float | int]:
    """Single-label classification scores: micro, macro and support-weighted F1.

    `predicted[i]` is None when the system gave item i no label: a miss (a false negative of
    its gold label, no false positive). Per-label F1 is taken over `labels`, by default every
    label that is gold or predicted somewhere (scikit-learn's default); macro F1 is their mean,
    weighted F1 their mean weighted by gold support. Micro F1 pools the counts, so with a label
    for every item it equals accuracy. `n` is the number of items, `unlabelled` the Nones."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for truth, guess in zip(gold, predicted, strict=True):
        if guess == truth:
            tp[truth] = tp.get(truth, 0) + 1
            continue
        fn[truth] = fn.get(truth, 0) + 1
        if guess is not None:
            fp[guess] = fp.get(guess, 0) + 1
    scored = list(labels) if labels is not None else sorted(set(gold) | {p for p in predicted if p})
    per_label: dict[str, float] = {}
    for label in scored:
        hits, wrong, missed = tp.get(label, 0), fp.get(label, 0), fn.get(label, 0)
        precision = hits / (hits + wrong) if hits + wrong else 0.0
        recall = hits / (hits + missed) if hits + missed else 0.0
        per_label[label] = compute_f1(precision, recall)
    support = {label: tp.get(label, 0) + fn.get(label, 0) for label in scored}
    total_support = sum(support.values())
    hits = sum(tp.values())
    answered = sum(1 for p in predicted if p is not None)
    micro_precision = hits / answered if answered else 0.0
    micro_recall = hits / len(gold) if gold else 0.0
    return {
        "weighted_f1": (
            sum(per_label[label] * support[label] for label in scored) / total_support
            if total_support
            else 0.0
        ),
        "macro_f1": _mean(list(per_label.values())),
        "micro_f1": compute_f1(micro_precision, micro_recall),
        "n": len(gold),
        "unlabelled": len(gold) - answered,
    }
