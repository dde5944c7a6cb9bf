"""Scoring helpers on tiny hand-made gold data."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.metrics import (
    classification_f1,
    compute_f1,
    count_segments,
    match_tokens,
    score_precision,
    score_recall,
    summarize_overlaps,
    summarize_segments,
)
from newsgraph.shingles import Overlap, overlap_shingles


def test_perfect_and_zero_pages():
    perfect = overlap_shingles("one two three four five", "one two three four five")
    assert score_precision(perfect) == score_recall(perfect) == 1.0
    wrong = overlap_shingles("one two three four", "five six seven eight")
    assert score_precision(wrong) == score_recall(wrong) == 0.0


def test_summary_skips_empty_predictions_for_precision_only():
    pages = [overlap_shingles("a b c d e", "a b c d e"), overlap_shingles("a b c d e", "")]
    scores = summarize_overlaps(pages, [True, False])
    assert scores["precision"] == 1.0  # the empty prediction has no precision
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert scores["accuracy"] == 0.5


def test_match_tokens_ignores_punctuation_and_spacing():
    assert match_tokens("Hello,  world!", "Hello world")
    assert not match_tokens("Hello world", "Hello there world")


def test_compute_f1_zero_case():
    assert compute_f1(0.0, 0.0) == 0.0
    assert compute_f1(1.0, 0.5) == pytest.approx(2 / 3)


def test_count_segments_known_counts():
    text = "The  main\ntext is here. Footer is not."
    counts = count_segments(text, ["main text", "is here", "missing bit"], ["Footer", "Menu"])
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (2, 1, 1, 1)
    scores = summarize_segments(counts)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["accuracy"] == pytest.approx(3 / 5)


def test_count_segments_on_missing_text_finds_nothing():
    counts = count_segments(None, ["a"], ["b", "c"])
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (0, 1, 0, 2)
    assert summarize_segments(counts)["f1"] == 0.0


def test_overlap_counts_known_tp_fp_fn():
    # gold shingles: abcd, bcde; predicted: bcde, cdef -> tp 1, fp 1, fn 1
    overlap = overlap_shingles("a b c d e", "b c d e f")
    assert overlap == Overlap(pytest.approx(1 / 3), pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert score_precision(overlap) == pytest.approx(0.5)
    assert score_recall(overlap) == pytest.approx(0.5)


def test_classification_f1_micro_macro_weighted():
    # A: P 1, R 1/2; B: P 1/2, R 1; C: never predicted; the last item gets no label
    scores = classification_f1(["A", "A", "B", "C"], ["A", "B", "B", None])
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert scores["weighted_f1"] == pytest.approx((2 / 3 * 2 + 2 / 3 * 1) / 4)
    assert scores["micro_f1"] == pytest.approx(4 / 7)  # P 2/3, R 2/4
    assert (scores["n"], scores["unlabelled"]) == (4, 1)


def test_classification_f1_equals_accuracy_when_every_item_is_labelled():
    scores = classification_f1(["A", "B", "B"], ["A", "B", "A"])
    assert scores["micro_f1"] == pytest.approx(2 / 3)
    only_a = classification_f1(["A", "B"], ["A", "A"], labels=["A"])
    assert only_a["macro_f1"] == pytest.approx(2 / 3)
