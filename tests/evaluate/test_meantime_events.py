"""MEANTIME cross-document event coreference: the reader on two tiny hand-written CAT documents,
the mention-to-event matching and the scores on hand-made events and clusters, and a few real
documents (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import eval_data

from newsgraph.evaluate.meantime_events import (
    cross_document_links,
    find_documents,
    key_clustering,
    match_event,
    read_event_document,
    response_clustering,
    summarize,
)
from newsgraph.evaluate.registry import run_evaluator
from newsgraph.records import Analysis, Document, Event

# doc 1: "Acme buys Widgetco . The deal was announced Monday ."
# doc 2: "Widgetco sold to Acme . Shares rose after the sale ."
DOCS = {
    "1_Acme": {
        "words": [
            "Acme",
            "buys",
            "Widgetco",
            ".",
            "The",
            "deal",
            "was",
            "announced",
            "Monday",
            ".",
        ],  # fmt: skip
        # m_id: (token ids, EVENT m_id it refers to)
        "mentions": {"10": (["2"], "50"), "11": (["6"], "50"), "12": (["7", "8"], "51")},
        # EVENT m_id -> instance_id ("" for an event annotated inside the document only)
        "events": {"50": "OTH_ACQ", "51": ""},
        "date": "2020-05-01",
    },
    "2_Widgetco": {
        "words": [
            "Widgetco",
            "sold",
            "to",
            "Acme",
            ".",
            "Shares",
            "rose",
            "after",
            "the",
            "sale",
            ".",
        ],  # fmt: skip
        "mentions": {"20": (["2"], "60"), "21": (["7"], "61"), "22": (["10"], "60")},
        "events": {"60": "OTH_ACQ", "61": "OTH_RISE"},
        "date": "2020-05-02",
    },
}


def cat_xml(name: str, spec: dict) -> str:
    sentence = 0
    tokens = []
    for number, word in enumerate(spec["words"], 1):
        tokens.append(f'<token t_id="{number}" sentence="{sentence}" number="{number}">{word}'
                      "</token>")  # fmt: skip
        sentence += word == "."
    markables = [
        f'<TIMEX3 m_id="90" functionInDocument="CREATION_TIME" value="{spec["date"]}"/>'
    ] + [
        f'<EVENT_MENTION m_id="{m}" pred="x">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in anchors)
        + "</EVENT_MENTION>"
        for m, (anchors, _target) in spec["mentions"].items()
    ] + [
        f'<EVENT m_id="{m}" class="OTHER"' + (f' instance_id="{i}"' if i else "") + "/>"
        for m, i in spec["events"].items()
    ]  # fmt: skip
    refers = [
        f'<REFERS_TO r_id="r{m}"><source m_id="{m}"/><target m_id="{target}"/></REFERS_TO>'
        for m, (_anchors, target) in spec["mentions"].items()
    ]
    return (
        f'<?xml version="1.0" ?><Document doc_id="{name[0]}" doc_name="{name}" lang="en">'
        + "".join(tokens)
        + "<Markables>" + "".join(markables) + "</Markables>"
        + "<Relations>" + "".join(refers) + "</Relations></Document>"
    )  # fmt: skip


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    for folder in ("intra-doc_annotation", "intra_cross-doc_annotation"):
        corpus = tmp_path / "meantime" / folder / "corpus_test"
        corpus.mkdir(parents=True)
        for name, spec in DOCS.items():
            (corpus / f"{name}.xml").write_text(cat_xml(name, spec), encoding="utf-8")
    return tmp_path / "meantime"


def event(event_id: str, text: str, word: str, other: str | None = None) -> Event:
    start = text.index(word)
    other_spans = [(text.index(other), text.index(other) + len(other))] if other else []
    return Event(id=event_id, type="OTHER", mode=None, trigger=word,
                 trigger_span=(start, start + len(word)), sentence_span=(0, len(text)),
                 other_spans=other_spans)  # fmt: skip


def test_reader_keeps_the_corpus_level_mentions_of_the_cross_document_folder(tiny_dir: Path):
    paths = find_documents(tiny_dir)
    assert [p.parent.parent.name for p in paths] == ["intra_cross-doc_annotation"] * 2
    first, second = (read_event_document(p) for p in paths)
    assert first.text == "Acme buys Widgetco.\n\nThe deal was announced Monday."
    assert first.published == "2020-05-01"
    # "was announced" refers to an event with no instance_id: not a corpus-level instance
    assert [(m.id, first.text[slice(*m.span)], m.instance) for m in first.mentions] == [
        ("10", "buys", "OTH_ACQ"),
        ("11", "deal", "OTH_ACQ"),
    ]
    assert [m.instance for m in second.mentions] == ["OTH_ACQ", "OTH_RISE", "OTH_ACQ"]


def test_match_event_prefers_the_trigger_then_the_tighter_span():
    text = "Acme buys Widgetco. The deal was announced."
    buys = event("ev1", text, "buys", other="deal")
    deal = event("ev2", text, "The deal")
    assert match_event((5, 9), [buys, deal]) is buys
    assert match_event((24, 28), [buys, deal]) is deal  # a trigger before a merged report
    assert match_event((24, 28), [buys]) is buys  # a merged report alone still matches
    assert match_event((32, 42), [buys, deal]) is None


def test_scores_on_hand_made_events_and_clusters(tiny_dir: Path):
    gold = [read_event_document(p) for p in find_documents(tiny_dir)]
    first, second = gold
    analyses = [
        Analysis(
            document=Document(text=first.text, source="1", source_kind="text"),
            events=[event("ev1", first.text, "buys", other="deal")],  # both mentions of doc 1
        ),
        Analysis(
            document=Document(text=second.text, source="2", source_kind="text"),
            events=[event("ev1", second.text, "sold"), event("ev2", second.text, "rose")],
        ),  # "sale" is not detected
    ]
    ids = [a.document.id for a in analyses]
    clusters = [
        SimpleNamespace(id="c1", members=[(ids[0], "ev1"), (ids[1], "ev1")]),
        SimpleNamespace(id="c2", members=[(ids[1], "ev2")]),
    ]
    key = key_clustering(gold)
    response, detected = response_clustering(gold, analyses, clusters)
    assert response[(0, "10")] == response[(0, "11")] == response[(1, "20")] == "c1"
    assert response[(1, "22")] == ("unmatched", (1, "22"))  # a singleton of the response
    assert detected == {(0, "10"), (0, "11"), (1, "20"), (1, "21")}
    lemma = {m: ("lemma", i) for i, m in enumerate(key)}  # a baseline with no links
    result = summarize(key, response, lemma, detected, documents=2)
    assert result["n"] == 5 and result["instances"] == 2
    assert result["cross_document_instances"] == 1
    assert result["mention_recall"] == pytest.approx(4 / 5, abs=1e-4)
    # key {10 11 20 22} {21}; response {10 11 20} {21} {22}
    assert result["muc_precision"] == 1.0
    assert result["muc_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["bcubed_precision"] == 1.0
    assert result["bcubed_recall"] == pytest.approx((3 * 3 / 4 + 1 / 4 + 1) / 5, abs=1e-4)
    # cross-document pairs: gold 10-20 10-22 11-20 11-22; found 10-20 11-20
    assert result["cross_document"]["recall"] == pytest.approx(2 / 4, abs=1e-4)
    assert result["cross_document"]["precision"] == 1.0
    assert result["on_detected"]["n"] == 4 and result["on_detected"]["bcubed_f1"] == 1.0
    assert result["baseline"]["singletons"]["muc_f1"] == 0.0
    assert set(result) >= {"bcubed_f1", "muc_f1", "conll_f1", "n", "baseline"}


def test_cross_document_links_leave_out_pairs_inside_one_document():
    key = {(0, "a"): 1, (0, "b"): 1, (1, "c"): 1}
    response = {(0, "a"): "x", (0, "b"): "x", (1, "c"): "y"}
    links = cross_document_links(key, response)
    assert (links["gold_links"], links["predicted_links"]) == (2, 0)
    assert links["recall"] == 0.0


def test_evaluator_runs_end_to_end(tiny_dir: Path):
    pytest.importorskip("newsgraph.crossdoc", reason="needs the crossdoc package")
    result = run_evaluator("meantime", tiny_dir)
    assert result["n"] == 5 and result["documents"] == 2
    assert 0.0 <= result["conll_f1"] <= 1.0
    assert 0.0 <= result["baseline"]["same_lemma"]["conll_f1"] <= 1.0


# --- real data (skipped without ../shared) ---------------------------------------------------


def test_real_documents_read_corpus_level_mentions():
    paths = find_documents(eval_data("meantime"))
    assert len(paths) == 87  # the dev side: one cross-document file per document
    document = read_event_document(paths[0])
    assert document.published == "2008-03-01"
    assert document.mentions
    for mention in document.mentions:
        assert document.text[slice(*mention.span)].strip()
    assert {"defeat"} <= {document.text[slice(*m.span)] for m in document.mentions}


@pytest.mark.slow
def test_real_subset_scores_in_range():
    pytest.importorskip("newsgraph.crossdoc", reason="needs the crossdoc package")
    result = run_evaluator("meantime", eval_data("meantime"), 8)
    assert result["documents"] == 8 and result["n"] > 50
    for name in ("bcubed_f1", "muc_f1", "conll_f1"):
        assert 0.0 <= result[name] <= 1.0
        assert 0.0 <= result["baseline"]["same_lemma"][name] <= 1.0
