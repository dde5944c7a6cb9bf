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
