"""Scoring helpers on tiny hand-made gold data (coreference metrics on textbook clusterings)."""

from __future__ import annotations

import itertools
import random

import pytest

from newsgraph.evaluate.metrics import (
    bcubed_scores,
    ceafe_scores,
    classification_f1,
    compute_f1,
    conll_scores,
    count_segments,
    match_tokens,
    max_weight_matching,
    muc_scores,
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


# --- coreference -------------------------------------------------------------------------------


def test_max_weight_matching_agrees_with_brute_force():
    rng = random.Random(7)
    for _ in range(200):
        rows, columns = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(columns)] for _ in range(rows)]
        if rows <= columns:
            best = max(
                sum(weights[i][j] for i, j in enumerate(chosen))
                for chosen in itertools.permutations(range(columns), rows)
            )
        else:
            best = max(
                sum(weights[i][j] for j, i in enumerate(chosen))
                for chosen in itertools.permutations(range(rows), columns)
            )
        assert max_weight_matching(weights) == pytest.approx(best)
    assert max_weight_matching([]) == 0.0


def test_ceafe_aligns_each_key_cluster_with_at_most_one_response_cluster():
    # key {a b c} {d e}; response {a b} {c d e}: phi4 = 2*2/5 and 2*2/5 -> 1.6 over 2 and 2
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    response = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    assert ceafe_scores(key, response)["f1"] == pytest.approx(0.8)
    # one response cluster for everything: only one key cluster can be aligned with it
    merged = ceafe_scores(key, dict.fromkeys(key, "all"))
    assert merged["recall"] == pytest.approx((2 * 3 / 8) / 2)
    assert merged["precision"] == pytest.approx(2 * 3 / 8)
    # all singletons against that key: {a}~{a b c} 2/4, {d}~{d e} 2/3
    singletons = ceafe_scores(key, {m: m for m in key})
    assert singletons["recall"] == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert singletons["precision"] == pytest.approx((1 / 2 + 2 / 3) / 5)
    assert ceafe_scores(key, dict(key))["f1"] == pytest.approx(1.0)
    assert ceafe_scores({}, {})["f1"] == 0.0


def test_conll_f1_is_the_mean_of_muc_bcubed_and_ceafe():
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    response = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    scores = conll_scores(key, response)
    assert scores["muc_f1"] == pytest.approx(muc_scores(key, response)["f1"])
    assert scores["bcubed_f1"] == pytest.approx(bcubed_scores(key, response)["f1"])
    mean = (scores["muc_f1"] + scores["bcubed_f1"] + scores["ceafe_f1"]) / 3
    assert scores["conll_f1"] == pytest.approx(mean)
    assert scores["muc_f1"] == pytest.approx(2 / 3)
    assert scores["bcubed_f1"] == pytest.approx(11 / 15)
