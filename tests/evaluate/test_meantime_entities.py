"""MEANTIME entity coreference: the scorers on textbook clusterings, the CAT reader and the
matching on a tiny hand-written document, and the CI floor on the dev side."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate.meantime_entities import (
    Totals,
    bcubed_scores,
    evaluate_meantime_entities,
    find_documents,
    muc_scores,
    read_cat_document,
    render_tokens,
    score_document,
    summarize,
)
from newsgraph.evaluate.registry import load_floors, run_evaluator

FLOORS = load_floors()

# --- scorers -------------------------------------------------------------------------------


def test_muc_vilain_example():
    # Vilain et al. (1995): key {A, B, C, D}, response {A, B} {C, D}.
    key = dict.fromkeys("ABCD", 1)
    response = {"A": 1, "B": 1, "C": 2, "D": 2}
    scores = muc_scores(key, response)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["precision"] == 1.0
    assert scores["f1"] == pytest.approx(0.8)


def test_bagga_baldwin_example():
    # Bagga & Baldwin (1998): key {1-5} {6, 7} {8-12}; response {1-5} {6-12}.
    key = {**dict.fromkeys(range(1, 6), "a"), 6: "b", 7: "b", **dict.fromkeys(range(8, 13), "c")}
    response = {**dict.fromkeys(range(1, 6), "x"), **dict.fromkeys(range(6, 13), "y")}
    muc = muc_scores(key, response)
    assert (muc["precision"], muc["recall"]) == (pytest.approx(0.9), 1.0)
    bcubed = bcubed_scores(key, response)
    assert bcubed["recall"] == 1.0
    assert bcubed["precision"] == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 0.762


def test_singletons_and_perfect_response():
    key = {"a": 1, "b": 1, "c": 2}
    assert muc_scores(key, dict(key))["f1"] == bcubed_scores(key, dict(key))["f1"] == 1.0
    all_singletons = {"a": 1, "b": 2, "c": 3}
    assert muc_scores(key, all_singletons) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    bcubed = bcubed_scores(key, all_singletons)
    assert bcubed["precision"] == 1.0
    assert bcubed["recall"] == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_mentions_missing_from_the_response_are_singletons():
    key = dict.fromkeys("ABC", 1)
    assert muc_scores(key, {"A": 1, "B": 1})["recall"] == pytest.approx(1 / 2)
    assert bcubed_scores(key, {"A": 1, "B": 1})["recall"] == pytest.approx((2 / 3 + 2 / 3) / 3)


# --- reading and matching on a hand-written CAT document -----------------------------------

WORDS = [
    # sentence 0 (headline), 1 (date), 2, 3 (body), 4 (not annotated)
    ("0", "Widgetco hires Ann Lee"),
    ("1", "May 1 , 2020"),
    ("2", "Widgetco Inc. ( WCO ) said it hired Ann Lee , a former banker , in Oslo ."),
    ("3", "`` She is great , '' Lee said ."),
    ("4", "Widgetco is big ."),
]


def tiny_cat_xml() -> str:
    tokens, number = [], 0
    for sentence, words in WORDS:
        for word in words.split():
            number += 1
            tokens.append(f'<token t_id="{number}" sentence="{sentence}" number="{number - 1}">'
                          f"{word}</token>")  # fmt: skip
    # t_ids: 1 Widgetco 2 hires 3 Ann 4 Lee | 5-8 date | 9 Widgetco 10 Inc. 11 ( 12 WCO 13 )
    # 14 said 15 it 16 hired 17 Ann 18 Lee 19 , 20 a 21 former 22 banker 23 , 24 in 25 Oslo
    # 26 . | 27 `` 28 She 29 is 30 great 31 , 32 '' 33 Lee 34 said 35 . | 36 Widgetco ...
    mentions = {  # m_id -> (t_ids, syntactic type, head)
        "1": ([1], "NAM", "Widgetco"),
        "2": ([3, 4], "NAM", "Lee"),
        "3": ([9, 10], "NAM", "Widgetco Inc."),
        "4": ([12], "NAM", "WCO"),
        "5": ([15], "PRO", "it"),
        "6": ([17, 18], "NAM", ""),
        "7": ([20, 21, 22], "NOM", "banker"),
        "8": ([25], "NAM", "Oslo"),
        "9": ([28], "PRO", "She"),
        "10": ([33], "NAM", "Lee"),
    }
    markables = [
        f'<ENTITY_MENTION m_id="{m}" syntactic_type="{kind}" head="{head}">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in anchors)
        + "</ENTITY_MENTION>"
        for m, (anchors, kind, head) in mentions.items()
    ]
    markables += [
        '<ENTITY m_id="100" ent_type="ORG" TAG_DESCRIPTOR="Widgetco"/>',
        '<ENTITY m_id="101" ent_type="PER" TAG_DESCRIPTOR="Ann Lee"/>',
        '<ENTITY m_id="102" ent_type="LOC" TAG_DESCRIPTOR="Oslo"/>',
    ]
    relations = [
        ("100", ["1", "3", "4", "5"]),
        ("101", ["2", "6", "7", "9", "10"]),
        ("102", ["8"]),
    ]
    refers = [
        f'<REFERS_TO r_id="r{target}">'
        + "".join(f'<source m_id="{s}"/>' for s in sources)
        + f'<target m_id="{target}"/></REFERS_TO>'
        for target, sources in relations
    ]
    return (
        '<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Widgetco" lang="en">'
        + "".join(tokens)
        + "<Markables>" + "".join(markables) + "</Markables>"
        + "<Relations>" + "".join(refers) + "</Relations></Document>"
    )  # fmt: skip


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "meantime" / "intra-doc_annotation" / "corpus_test"
    folder.mkdir(parents=True)
    (folder / "1_Widgetco.xml").write_text(tiny_cat_xml(), encoding="utf-8")
    other = tmp_path / "meantime" / "intra_cross-doc_annotation" / "corpus_test"
    other.mkdir(parents=True)
    (other / "1_Widgetco.xml").write_text(tiny_cat_xml(), encoding="utf-8")
    return tmp_path / "meantime"


def test_render_tokens_spacing_and_paragraphs():
    words = ["Acme", "wins", "May", "1", "Acme", "(", "AC", ")", "said", "it", "'s", "“", "ok",
             ",", "''", "done", "."]  # fmt: skip
    sentences = [0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    text, spans = render_tokens(words, sentences)
    assert text == "Acme wins\n\nMay 1\n\nAcme (AC) said it's “ok,” done."
    assert [text[s:e] for s, e in spans][5:8] == ["(", "AC", ")"]


def test_read_cat_document(tiny_dir: Path):
    [path] = find_documents(tiny_dir)
    assert "intra-doc_annotation" in path.parts
    document = read_cat_document(path)
    assert document.text.startswith("Widgetco hires Ann Lee\n\nMay 1, 2020\n\nWidgetco Inc. (WCO)")
    assert "“She is great,” Lee said." in document.text
    by_id = {m.id: m for m in document.mentions}
    text_of = {m: document.text[slice(*by_id[m].span)] for m in by_id}
    assert text_of["3"] == "Widgetco Inc." and text_of["7"] == "a former banker"
    head = document.text[slice(*document.token_spans[by_id["3"].head])]
    assert head == "Inc."  # the last token of the annotated head "Widgetco Inc."
    assert {m.id for m in document.actor_mentions()} == set(by_id) - {"8"}
    assert document.annotated_end == document.text.index("Widgetco is big") - 2


def test_score_document_matching_and_baseline(tiny_dir: Path):
    document = read_cat_document(find_documents(tiny_dir)[0])
    text = document.text

    def at(phrase: str, occurrence: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        return start, start + len(phrase)

    predicted = [
        (at("Widgetco"), "e1", "Widgetco", "organization"),
        (at("Ann Lee"), "e2", "Ann Lee", "person"),
        (at("Widgetco Inc."), "e1", "Widgetco Inc.", "organization"),
        (at("WCO"), "e3", "WCO", "organization"),  # an acronym left apart: a split
        (at("Ann Lee", 1), "e2", "Ann Lee", "person"),
        (at("Oslo"), "e4", "Oslo", "country"),  # matches a LOC mention: not an actor
        (at("She"), "e2", "She", "person"),
        (at("Lee said"), "e2", "Lee said", "person"),  # contains the head "Lee": matches
        (at("Widgetco", 2), "e1", "Widgetco", "organization"),  # after the annotated part
    ]
    totals = Totals()
    score_document(totals, 1, document, predicted)
    result = summarize(totals, 1)
    assert result["n"] == 9  # "it" and "a former banker" are missed
    assert result["predicted"] == 8  # the mention after the annotated stretch is not scored
    assert result["mention_recall"] == pytest.approx(7 / 9)
    assert result["mention_precision"] == pytest.approx(7 / 8)
    assert result["mention_precision_without_countries"] == 1.0
    # key: ORG {1, 3, 4, 5}, PER {2, 6, 7, 9, 10}; response: {1, 3} {4} {5} {2, 6, 9, 10} {7}
    assert result["muc_recall"] == pytest.approx((1 + 3) / (3 + 4))
    assert result["muc_precision"] == 1.0
    assert result["bcubed_precision"] == 1.0
    # baseline: {1} {3} {4} {5} {2, 6} {7} {9} {10}
    baseline = result["baseline"]["same_string"]
    assert baseline["muc_recall"] == pytest.approx(1 / 7)
    assert result["on_detected"]["n"] == 7


def test_evaluator_runs_end_to_end(tiny_dir: Path):
    result = evaluate_meantime_entities(tiny_dir, None)
    assert result["documents"] == 1 and result["n"] == 9
    assert set(result) >= {"muc_f1", "bcubed_f1", "mention_precision", "mention_recall", "baseline"}
    assert 0.0 <= result["bcubed_f1"] <= 1.0


# --- CI floor --------------------------------------------------------------------------------


@pytest.mark.slow
def test_meantime_entities_stay_above_floor():
    data_dir = eval_data("meantime")
    floor = FLOORS["meantime-entities"]
    started = time.monotonic()
    result = run_evaluator("meantime-entities", data_dir, floor["limit"])
    elapsed = time.monotonic() - started
    assert result["documents"] == floor["limit"]
    for key in ("muc_f1", "bcubed_f1"):
        assert result[key] >= floor[key], (
            f"MEANTIME {key} {result[key]:.4f} fell below {floor[key]}"
        )
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"
