"""The polnear scorer on tiny hand-made brat files, and its CI floor on the dev data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate.polnear import (
    Attribution,
    Scores,
    Tally,
    Tokens,
    find_texts,
    read_ann,
    score_text,
)
from newsgraph.evaluate.registry import load_floors, run_evaluator

TEXT = "The Post reports that the team left early. “We are done,” she said."
ANN = (
    "T1\tSource 0 8\tThe Post\n"
    "T2\tCue 9 16\treports\n"
    "T3\tContent 17 41\tthat the team left early\n"
    "T4\tAttribution 9 16\treports\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 43 57\t“We are done,”\n"
    "T6\tSource 58 61\tshe\n"
    "T7\tCue 62 66\tsaid\n"
    "E2\tAttribution:T5 Content:T5 Cue:T7 Source:T6 \n"
)


def write_corpus(root: Path) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "a_zz.ann").write_text("", encoding="utf-8")
    (root / "dev" / "attributions" / "a_aa.ann").write_text(ANN, encoding="utf-8")
    (root / "dev" / "text" / "unannotated.txt").write_text("Nothing.", encoding="utf-8")
    return root


def test_find_texts_picks_first_annotator_and_skips_unannotated(tmp_path):
    pairs = find_texts(write_corpus(tmp_path))
    assert [(t.name, a.name) for t, a in pairs] == [("a.txt", "a_aa.ann")]


def test_read_ann_builds_attributions_and_marks_direct(tmp_path):
    root = write_corpus(tmp_path)
    gold = read_ann(root / "dev" / "attributions" / "a_aa.ann", TEXT)
    assert [g.content for g in gold] == [[(17, 41)], [(43, 57)]]
    assert [g.direct for g in gold] == [False, True]
    assert gold[1].source == [(58, 61)] and gold[1].cue == [(62, 66)]


def test_score_text_half_gold_tokens_rule_and_accuracies(tmp_path):
    gold = read_ann(write_corpus(tmp_path) / "dev" / "attributions" / "a_aa.ann", TEXT)
    predicted = [
        Attribution([(22, 41)], source=[(0, 8)], cue=[(9, 16)]),  # 4 of 5 gold tokens: found
        Attribution([(44, 50)], source=[(0, 3)], cue=[(62, 66)]),  # 2 of 3: found, wrong source
        Attribution([(0, 3)]),  # overlaps nothing: a false positive
    ]
    tally = Tally()
    score_text(Tokens(TEXT), gold, predicted, tally)
    summary = tally.summarize()
    assert (tally.gold, tally.predicted, tally.matched) == (2, 3, 2)
    assert summary["precision"] == pytest.approx(2 / 3) and summary["recall"] == 1.0
    assert summary["source_accuracy"] == 0.5 and summary["cue_accuracy"] == 1.0
    assert summary["content_token_f1"] == pytest.approx((8 / 9 + 0.8) / 2)


def test_score_text_is_one_to_one():
    gold = [Attribution([(0, 10)])]
    tally = Tally()
    score_text(Tokens("aaa bbb cc"), gold, [Attribution([(0, 10)]), Attribution([(0, 10)])], tally)
    assert (tally.matched, tally.predicted) == (1, 2)


def test_scores_direct_subset_uses_direct_predictions_only():
    gold = [Attribution([(0, 7)], direct=True), Attribution([(8, 15)])]
    scores = Scores()
    scores.add("aaa bbb ccc ddd", gold, [Attribution([(0, 7)], direct=True),
                                          Attribution([(8, 15)])])  # fmt: skip
    result = scores.summarize(1)
    assert result["attribution_f1"] == 1.0 and result["n"] == 1
    assert (result["direct"]["gold"], result["direct"]["predicted"]) == (1, 1)


def test_evaluate_polnear_on_hand_made_corpus(tmp_path):
    result = run_evaluator("polnear", write_corpus(tmp_path), None)
    assert result["n"] == 1
    for key in ("attribution_f1", "precision", "recall", "source_accuracy", "cue_accuracy",
                "content_token_f1"):  # fmt: skip
        assert 0.0 <= result[key] <= 1.0
    assert result["recall"] == 1.0  # both attributions are easy
    assert set(result["baseline"]["textacy"]) >= {"attribution_f1", "direct", "n"}


@pytest.mark.slow
def test_polnear_attribution_f1_stays_above_floor():
    data_dir = eval_data("polnear")
    floor = load_floors()["polnear"]
    started = time.monotonic()
    result = run_evaluator("polnear", data_dir / floor["subset"], floor["limit"])
    elapsed = time.monotonic() - started
    assert result["n"] == floor["limit"]
    assert result["attribution_f1"] >= floor["attribution_f1"]
    assert result["source_accuracy"] >= floor["source_accuracy"]
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"


def test_an_attribution_nested_in_another_is_left_out():
    from newsgraph.analyze.pipeline import analyze_document
    from newsgraph.evaluate.polnear import predict_attributions
    from newsgraph.records import Document

    text = "The mayor said the governor believes the plan will fail."
    analysis = analyze_document(Document(text=text, source="test", source_kind="text"))
    cues = [text[slice(*c.cue_span)] for c in analysis.claims if c.cue_span]
    assert "believes" in cues  # the stage keeps it: events inside it are reported
    found = predict_attributions(analysis)
    assert [[text[a:b] for a, b in f.cue] for f in found] == [["said"]]
