"""The CASE 2021 Task 2 scorer on hand-made snippets and events, and a few real snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import case2021
from newsgraph.evaluate.registry import run_evaluator
from newsgraph.ontology.events import acled_sub_event_types
from newsgraph.records import Event


def event(type_: str, mode: str | None, sub_type: str | None, modality: str = "asserted",
          confidence: float = 0.8, start: int = 0) -> Event:  # fmt: skip
    return Event(id="ev", type=type_, mode=mode, trigger="x", trigger_span=(start, start + 1),
                 sentence_span=(0, 10), modality=modality, confidence=confidence,
                 acled_sub_event_type=sub_type)  # fmt: skip


def test_label_lists_follow_the_note():
    assert len(case2021.ACLED_LABELS) == 25 and len(case2021.ALL_LABELS) == 30
    assert {label for _, label in acled_sub_event_types().values()} == set(case2021.ACLED_LABELS)


def test_snippet_label_is_the_main_labelled_event():
    condemn = event("ACCUSE", "disapprove", None, confidence=0.9)
    bombing = event("ASSAULT", "suicide-attack", "Suicide bomb", start=5)
    assert case2021.snippet_label([condemn, bombing], all_types=False) == "SUIC_BOMB"
    assert case2021.snippet_label([condemn], all_types=False) is None
    assert case2021.snippet_label([condemn], all_types=True) == "DIPLO"
    claimed = event("ACCUSE", "allege", None)
    assert case2021.snippet_label([claimed], all_types=True) == "ATTRIB"
    threatened = event("ASSAULT", None, "Armed clash", modality="threatened", confidence=0.95)
    assert case2021.snippet_label([threatened, bombing], all_types=False) == "SUIC_BOMB"
    assert case2021.snippet_label([], all_types=True) is None


def test_lexicon_lookup_baseline():
    assert case2021.inflections("fire") >= {"fired", "firing", "fires"}
    assert case2021.inflections("stab") >= {"stabbed", "stabbing"}
    assert case2021.lexicon_lookup("Rebels shelled the town.", all_types=False) == "ART_MISS_ATTACK"
    assert case2021.lexicon_lookup("The minister condemned it.", all_types=False) is None
    assert case2021.lexicon_lookup("The minister condemned it.", all_types=True) == "DIPLO"


def test_each_subtask_is_scored_on_its_own_snippets():
    snippets = [
        case2021.Snippet("1", "a", "ARREST"),
        case2021.Snippet("2", "b", "ARREST"),
        case2021.Snippet("3", "c", "DIPLO"),
        case2021.Snippet("4", "d", "NATURAL_DISASTER"),
    ]
    events_of = [
        [event("COERCE", "arrest", "Arrests")],
        [],
        [event("ACCUSE", "disapprove", None)],
        [],
    ]
    result = case2021.score_snippets(snippets, events_of)
    assert (result["n"], result["unlabelled"]) == (2, 1)
    assert result["micro_f1"] == pytest.approx(2 / 3, abs=1e-4)  # P 1, R 1/2
    assert result["weighted_f1"] == pytest.approx(2 / 3, abs=1e-4)
    subtask3 = result["all_types"]
    assert (subtask3["n"], subtask3["unlabelled"]) == (4, 2)
    assert subtask3["macro_f1"] == pytest.approx((2 / 3 + 1 + 0) / 3, abs=1e-4)
    assert result["baseline"]["most_frequent"]["label"] == "ARREST"
    assert result["baseline"]["most_frequent"]["micro_f1"] == 1.0


def test_read_snippets_finds_task_files_anywhere(tmp_path: Path):
    folder = tmp_path / "task2" / "test_dataset"
    folder.mkdir(parents=True)
    rows = ["id\tEventSnippet\tSubType", "7\tTroops shelled a village.\tART_MISS_ATTACK", ""]
    (folder / "held_out.tsv").write_text("\n".join(rows), encoding="utf-8")
    (tmp_path / "other.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    snippets = case2021.read_snippets(tmp_path)
    assert snippets == [case2021.Snippet("7", "Troops shelled a village.", "ART_MISS_ATTACK")]


def test_real_snippets():
    data = eval_data("case2021")
    assert len(case2021.read_snippets(data)) >= 700
    result = run_evaluator("case2021", data, limit=25)
    assert result["all_types"]["n"] == 25
    assert 0 < result["n"] <= 25
    assert 0.0 <= result["weighted_f1"] <= 1.0
    assert "lexicon_lookup" in result["baseline"]
