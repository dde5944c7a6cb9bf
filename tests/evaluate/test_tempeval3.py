"""The TempEval-3 Task A scorer on tiny hand-made TimeML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate.registry import load_floors, run_evaluator
from newsgraph.evaluate.tempeval3 import (
    TaskCounts,
    Timex,
    read_documents,
    read_timeml,
    score_document,
    summarize_counts,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" \
functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Shares <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="1998-01-07">Wednesday</TIMEX3> after a <TIMEX3 tid="t2" type="DURATION" value="P1W">\
week</TIMEX3> of gains.</TEXT>
</TimeML>
"""


def test_read_timeml_gives_text_offsets_and_the_dct(tmp_path: Path):
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_timeml(path)
    assert (document.doc_id, document.dct) == ("TEST0001", "1998-01-08")
    assert document.text == "Shares fell Wednesday after a week of gains."
    spans = [document.text[t.start : t.end] for t in document.timexes]
    assert spans == ["Wednesday", "week"]
    assert [(t.type, t.value) for t in document.timexes] == [
        ("DATE", "1998-01-07"),
        ("DURATION", "P1W"),
    ]


def test_read_documents_skips_a_duplicate_docid(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "copy.tml").write_text(TML, encoding="utf-8")
    assert len(read_documents(tmp_path, None)) == 1


def test_score_document_counts_strict_relaxed_and_attributes():
    gold = [Timex(0, 9, "DATE", "1998-01-07"), Timex(20, 29, "DURATION", "P1W"),
            Timex(40, 57, "DATE", "1997-Q3")]  # fmt: skip
    system = [Timex(0, 9, "DATE", "1998-01-07"), Timex(15, 29, "DATE", "1998-W01"),
              Timex(60, 65, "DATE", "1998")]  # fmt: skip
    counts = score_document(gold, system)
    assert counts == TaskCounts(system=3, gold=3, strict=1, relaxed=2, type_correct=1,
                                value_correct=1)  # fmt: skip
    metrics = summarize_counts(counts)
    assert metrics["strict_f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert metrics["relaxed_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["type_accuracy"] == pytest.approx(0.5)
    # value F1 = relaxed F1 x value accuracy (the task paper's "Value F1")
    assert metrics["value_f1"] == pytest.approx(2 / 3 * 0.5, abs=1e-4)
    assert metrics["n"] == 3


def test_score_document_matches_each_gold_timex_once():
    gold = [Timex(0, 10, "DATE", "1998")]
    system = [Timex(0, 4, "DATE", "1998"), Timex(5, 10, "DATE", "1998")]
    counts = score_document(gold, system)
    assert (counts.relaxed, counts.value_correct, counts.system) == (1, 1, 2)


@pytest.mark.slow
def test_tempeval3_value_f1_stays_above_floor():
    data_dir = eval_data("tempeval3")
    floors = load_floors()
    floor = floors["tempeval3"]
    started = time.monotonic()
    result = run_evaluator("tempeval3", data_dir, floor["limit"])
    assert result["n_documents"] == floor["limit"]
    assert result["value_f1"] >= floor["value_f1"], f"value F1 {result['value_f1']:.4f} fell"
    assert result["relaxed_f1"] >= floor["relaxed_f1"], f"relaxed F1 {result['relaxed_f1']:.4f}"
    assert time.monotonic() - started < 60
