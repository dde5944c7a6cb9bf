"""Word shingles: the text-overlap measure shared by extraction (choosing between extractors),
evaluation (the AEB metric) and, later, near-duplicate detection."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Overlap:
    """Shingle overlap as shares of tp + fp + fn (all 0.0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float


def tokenize_words(text: str | None) -> list[str]:
    """Tokens as `\\w+` runs (the AEB tokenisation)."""
    return _TOKEN_RE.findall(text or "")


def count_shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams; a text shorter than n tokens gives one shorter shingle."""
    tokens = tokenize_words(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def overlap_shingles(gold: str | None, predicted: str | None, n: int = 4) -> Overlap:
    """TP/FP/FN of predicted vs gold shingles (multiset), normalised to sum to 1."""
    gold_counts = count_shingles(gold, n)
    pred_counts = count_shingles(predicted, n)
    tp = sum((gold_counts & pred_counts).values())
    fp = sum((pred_counts - gold_counts).values())
    fn = sum((gold_counts - pred_counts).values())
    total = tp + fp + fn
    if total == 0:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


def shingle_agreement(first: str | None, second: str | None, n: int = 4) -> float:
    """F1 of the two texts' shingle overlap: 1.0 when they share every n-gram, 0.0 when none."""
    overlap = overlap_shingles(first, second, n)
    denominator = 2 * overlap.tp + overlap.fp + overlap.fn
    return 2 * overlap.tp / denominator if denominator else 0.0
