"""The CoNLL-2003 scorer on tiny hand-made IOB data, and the CI floor on a small dev subset."""

from __future__ import annotations

import time

import pytest
from conftest import eval_data

from newsgraph.evaluate.conll2003 import (
    Counts,
    evaluate_conll,
    extract_gold_spans,
    find_conll_files,
    map_label,
    read_documents,
    summarize_counts,
)
from newsgraph.evaluate.registry import load_floors

FLOORS = load_floors()

TINY = """\
SOCCER NN B-NP O
- : O O
JAPAN NNP B-NP B-LOC
WIN VB B-VP O
. . O O

TOKYO NNP B-NP B-LOC
1996-12-06 CD I-NP O

Nadim NNP B-NP B-PER
Ladki NNP I-NP I-PER
of IN B-PP O
the DT B-NP O
European NNP I-NP B-ORG
Union NNP I-NP I-ORG
said VBD B-VP O
. . O O

RUGBY NN B-NP O
- : O O
ENGLAND NNP B-NP B-LOC
WIN VB B-VP O

LONDON NNP B-NP B-LOC
1996-12-06 CD I-NP O
"""


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], {(0, 0, 2, "PER"), (0, 3, 4, "LOC")}),
        (["B-LOC", "B-LOC"], {(0, 0, 1, "LOC"), (0, 1, 2, "LOC")}),
        (["O", "I-ORG", "I-ORG"], {(0, 1, 3, "ORG")}),  # IOB1: I- after O begins an entity
        (["B-ORG", "I-MISC"], {(0, 0, 1, "ORG"), (0, 1, 2, "MISC")}),
        (["O", "O"], set()),
    ],
)
def test_extract_gold_spans_reads_iob_like_conlleval(tags, expected):
    assert extract_gold_spans(tags, 0) == expected


def test_counts_score_exact_span_and_type():
    counts = Counts()
    gold = {(0, 0, 2, "PER"), (0, 3, 4, "LOC"), (1, 0, 1, "ORG")}
    predicted = {(0, 0, 2, "PER"), (0, 3, 4, "ORG"), (1, 0, 2, "ORG")}
    counts.add_spans(gold, predicted)
    summary = summarize_counts(counts)
    assert summary["precision"] == pytest.approx(1 / 3)
    assert summary["recall"] == pytest.approx(1 / 3)
    assert summary["per_label"]["PER"] == {"f1": 1.0, "precision": 1.0, "recall": 1.0, "n": 1}
    assert summary["per_label"]["LOC"]["recall"] == 0.0
    assert summary["per_label"]["ORG"]["n"] == 1
    assert summary["per_label"]["MISC"] == {"f1": 0.0, "precision": 0.0, "recall": 0.0, "n": 0}


@pytest.mark.parametrize(
    ("label", "expected"),
    [("PERSON", "PER"), ("GPE", "LOC"), ("FAC", "LOC"), ("NORP", "MISC"), ("DATE", None)],
)
def test_map_label(label, expected):
    assert map_label(label) == expected


def test_read_documents_splits_before_headlines_without_docstart(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(TINY, encoding="utf-8")
    documents = list(read_documents(path))
    assert [len(d) for d in documents] == [3, 2]
    assert documents[1][0].words == ["RUGBY", "-", "ENGLAND", "WIN"]


def test_read_documents_splits_at_docstart(tmp_path):
    path = tmp_path / "test.txt"
    path.write_text(f"-DOCSTART- -X- -X- O\n\n{TINY}\n-DOCSTART- -X- -X- O\n\n{TINY}")
    assert [len(d) for d in read_documents(path)] == [5, 5]


def test_find_conll_files_recurses_and_skips_other_formats(tmp_path):
    (tmp_path / "held" / "out").mkdir(parents=True)
    (tmp_path / "held" / "out" / "test.conll").write_text(TINY, encoding="utf-8")
    (tmp_path / "valid.txt").write_text(TINY, encoding="utf-8")
    (tmp_path / "FORMAT.md").write_text("EU NNP B-NP B-ORG\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("some prose here\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_conll_files(tmp_path)]
    assert found == ["held/out/test.conll", "valid.txt"]


@pytest.mark.slow
def test_evaluate_conll_reports_newsgraph_and_spacy_on_tiny_data(tmp_path):
    (tmp_path / "valid.txt").write_text(TINY, encoding="utf-8")
    result = evaluate_conll(tmp_path, None)
    assert result["n"] == 6
    assert set(result["per_label"]) == {"PER", "ORG", "LOC", "MISC"}
    assert set(result["baseline"]["spacy"]) == {"f1", "precision", "recall", "per_label"}
    assert 0.0 <= result["f1"] <= 1.0


@pytest.mark.slow
def test_conll_f1_stays_above_floor():
    data_dir = eval_data("conll2003")
    floor = FLOORS["conll2003"]
    started = time.monotonic()
    result = evaluate_conll(data_dir, floor["limit"])
    elapsed = time.monotonic() - started
    assert result["f1"] >= floor["f1"], f"CoNLL F1 {result['f1']:.4f} fell below {floor['f1']}"
    assert result["f1"] > result["baseline"]["spacy"]["f1"]
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"
