"""The indiapoliceevents scorer: label definitions on hand-made events, sentence location, scoring
on tiny hand-made articles, and a run on the first real documents (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import eval_data

from newsgraph.evaluate import indiapoliceevents as ipe
from newsgraph.evaluate.registry import run_evaluator
from newsgraph.records import Event, EventActor


def event(type_: str, mode: str | None, trigger: str, *actors: tuple[str, str, str | None],
          modality: str = "asserted", at: int = 0) -> Event:  # fmt: skip
    return Event(
        id="ev1", type=type_, mode=mode, trigger=trigger, trigger_span=(at, at + len(trigger)),
        sentence_span=(0, 100), modality=modality,
        actors=[EventActor(role, text, (0, 1), sector=sector) for role, text, sector in actors],
    )  # fmt: skip


POLICE = ("source", "police", "COP")
MOB = ("source", "the mob", None)


def test_police_killing_is_kill_force_and_action():
    shot = event("ASSAULT", "firearms", "shot dead", POLICE)
    assert ipe.event_labels(shot) == {"KILL", "FORCE", "ANY_ACTION"}


def test_police_are_found_by_sector_or_by_an_untyped_phrase():
    assert ipe.by_police(event("ASSAULT", None, "fired", ("source", "the surat police", None)))
    assert not ipe.by_police(event("ASSAULT", None, "fired", ("source", "soldiers", "MIL")))


def test_killing_by_a_mob_is_no_police_action():
    assert ipe.event_labels(event("ASSAULT", None, "killed", MOB)) == set()


def test_arrest_without_a_named_source_is_a_police_arrest():
    arrested = event("COERCE", "arrest", "arrested", ("target", "20 people", None))
    assert ipe.event_labels(arrested) == {"ARREST", "ANY_ACTION"}
    by_rebels = event("COERCE", "arrest", "detained", ("source", "rebels", "REB"))
    assert ipe.event_labels(by_rebels) == set()


def test_planned_arrest_is_not_an_arrest_and_negated_police_action_is_fail():
    planned = event("COERCE", "arrest", "arrest", POLICE, modality="planned")
    assert ipe.event_labels(planned) == set()
    not_arrested = event("COERCE", "arrest", "arresting", POLICE, modality="negated")
    assert ipe.event_labels(not_arrested) == {"FAIL"}
    assert ipe.event_labels(event("ASSAULT", None, "attack", MOB, modality="negated")) == set()


def test_crowd_control_is_police_force_unless_others_act():
    assert "FORCE" in ipe.event_labels(event("ASSAULT", "crowd-control", "tear gas"))
    assert ipe.event_labels(event("ASSAULT", "crowd-control", "dispersed", MOB)) == set()


def test_deaths_in_a_sentence_where_police_fire_are_kill():
    killed = event("ASSAULT", None, "killed", ("target", "two persons", None))
    firing = event("ASSAULT", "firearms", "firing", POLICE)
    assert "KILL" in ipe.sentence_labels([killed, firing])
    assert "KILL" not in ipe.sentence_labels([event("ASSAULT", None, "killed", MOB), firing])
    assert "KILL" in ipe.sentence_labels([firing], killed=True)


def test_locate_sentences_in_order():
    text = "Police fired. Two died.\n\nPolice fired. End"
    spans = ipe.locate_sentences(text, ["Police fired.", "Two died.", "Police fired.", "gone"])
    assert [text[a:b] for a, b in spans[:3]] == ["Police fired.", "Two died.", "Police fired."]
    assert spans[2][0] > spans[0][0] and spans[3][0] == spans[3][1]


def article(doc_id: int, labels: list[list[str]]) -> ipe.Article:
    sentences = [ipe.Sentence(i, (10 * i, 10 * i + 10), frozenset(s)) for i, s in enumerate(labels)]
    return ipe.Article(doc_id, "x" * 10 * len(labels), None,
                       frozenset().union(*map(frozenset, labels)), sentences)  # fmt: skip


def test_score_labels_sentence_and_document():
    articles = [article(1, [["ARREST", "ANY_ACTION"], []]), article(2, [[], ["ARREST"]])]
    predicted = {1: [{"ARREST"}, {"ARREST"}], 2: [set(), set()]}
    scores = ipe.score_labels(articles, predicted)["ARREST"]
    assert (scores["sent_precision"], scores["sent_recall"]) == (0.5, 0.5)
    assert (scores["doc_precision"], scores["doc_recall"], scores["doc_f1"]) == (1.0, 0.5, 0.6667)
    assert (scores["n_sent"], scores["n_doc"]) == (2, 2)


def test_predict_sentences_uses_merged_reports():
    art = article(1, [[], [], []])
    merged = event("COERCE", "arrest", "arrested", at=3)
    merged.other_spans = [(25, 33)]
    both = {"ARREST", "ANY_ACTION"}
    assert ipe.predict_sentences(art, [merged]) == [both, set(), both]


def test_keyword_baseline():
    assert ipe.baseline_labels("Police arrested 20 people.") == {"ARREST", "ANY_ACTION"}
    assert ipe.baseline_labels("Twenty people were arrested.") == set()


def write_dataset(folder: Path) -> Path:
    final = folder / "data" / "final"
    final.mkdir(parents=True)
    sents = [(1, 0, ["ANY_ACTION", "ARREST"], "Police arrested 20 people in Surat on Monday."),
             (1, 1, [], "The city was calm."),
             (2, 0, [], "The minister visited Delhi.")]  # fmt: skip
    docs = {1: " ".join(s[3] for s in sents if s[0] == 1), 2: sents[2][3]}
    labels = {1: ["ANY_ACTION", "ARREST"], 2: []}
    rows = [{"doc_id": d, "doc_text": t, "doc_labels": labels[d]} for d, t in docs.items()]
    (final / "docs.jsonl").write_text("\n".join(map(json.dumps, rows)), "utf-8")
    rows = [{"doc_id": d, "sent_id": i, "sent_labels": lab, "sent_text": t}
            for d, i, lab, t in sents]  # fmt: skip
    (final / "sents.jsonl").write_text("\n".join(map(json.dumps, rows)), "utf-8")
    rows = [{"doc_id": d, "date": "2002-03-04", "url": "", "full_text": t} for d, t in docs.items()]
    (final / "metadata.jsonl").write_text("\n".join(map(json.dumps, rows)), "utf-8")
    return folder


def test_evaluate_on_hand_made_documents(tmp_path):
    result = ipe.evaluate_indiapoliceevents(write_dataset(tmp_path), None)
    assert (result["n_documents"], result["n_sentences"]) == (2, 3)
    assert result["ARREST"]["sent_f1"] == result["ARREST"]["doc_f1"] == 1.0
    assert result["baseline"]["ARREST"]["doc_f1"] == 1.0


def test_real_documents_are_read_and_scored():
    data_dir = eval_data("indiapoliceevents")
    articles = ipe.read_indiapoliceevents(data_dir, 20)
    assert len(articles) == 20
    for art in articles:
        assert all(s.span[1] > s.span[0] for s in art.sentences)
        assert art.labels == frozenset().union(*(s.labels for s in art.sentences))
    result = run_evaluator("indiapoliceevents", data_dir, 5)
    assert result["n_documents"] == 5
    for label in ipe.LABELS:
        assert 0.0 <= result[label]["sent_f1"] <= 1.0 and 0.0 <= result[label]["doc_f1"] <= 1.0


def test_a_state_failing_to_keep_order_is_fail_but_not_other_failures():
    government = ("source", "the state government", "GOV")
    protect = event("AID", None, "protect", government, modality="negated")
    assert ipe.event_labels(protect) == {"FAIL"}
    funds = event("AID", None, "provide", government, modality="negated")
    assert ipe.event_labels(funds) == set()
    ban = event("COERCE", "restrict", "prohibit", government, modality="negated")
    assert ipe.event_labels(ban) == set()


def test_an_inaction_word_with_no_actor_is_fail():
    breakdown = event("COERCE", None, "breakdown of law", modality="negated")
    breakdown.modality_cue = "breakdown"
    assert ipe.event_labels(breakdown) == {"FAIL"}
    no_arrest = event("COERCE", "arrest", "arrests", modality="negated")
    no_arrest.modality_cue = "no"
    assert ipe.event_labels(no_arrest) == set()


def test_deaths_reported_where_police_fire_are_kill():
    text = "more people died in police firing."
    article = ipe.Article(
        1, text, None, frozenset(), [ipe.Sentence(0, (0, len(text)), frozenset())]
    )
    firing = event("ASSAULT", "firearms", "firing", POLICE, at=text.index("firing"))
    assert "KILL" in ipe.predict_sentences(article, [firing])[0]


def test_mojibake_is_repaired_and_sentence_spans_follow_it():
    raw = "police didnâ€™t act. the mob burnt shopsâ€"
    spans = ipe.locate_sentences(raw, ["police didnâ€™t act.", " the mob burnt shopsâ€"])
    text, moved = ipe.repaired_spans(raw, spans)
    assert text == "police didn’t act. the mob burnt shopsâ€"
    assert [text[a:b] for a, b in moved] == ["police didn’t act.", " the mob burnt shopsâ€"]
