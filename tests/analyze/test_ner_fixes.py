"""NER fixes on small hand-made Docs: each fix, and correct entities left alone."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsgraph.analyze.ner_fixes import (
    NerFixes,
    harmonize_labels,
    is_acronym_of,
    is_caps_sentence,
    label_acronyms,
    propagate_person_names,
    recase_word,
    relabel_demonyms,
    trim_entity_edges,
)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make_doc(vocab, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc of the space-separated words with the given (words, label) entities, first match."""
    words = text.split()
    doc = Doc(vocab, words=words)
    spans = []
    for phrase, label in ents:
        target = phrase.split()
        for i in range(len(words) - len(target) + 1):
            taken = any(s.start <= i < s.end for s in spans)
            if words[i : i + len(target)] == target and not taken:
                spans.append(Span(doc, i, i + len(target), label=label))
                break
    doc.ents = spans
    return doc


def run_fixes(doc: Doc, *fixes: str) -> list[tuple[str, str]]:
    NerFixes(doc.vocab, fixes=fixes)(doc)
    return [(e.text, e.label_) for e in doc.ents]


def ent_triples(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def ent_texts(doc: Doc, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    return [(doc[s:e].text, label) for s, e, label in ents]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("troops from the United States arrived", [("the United States", "GPE")],
         [("United States", "GPE")]),
        ("The United States said so", [("The United States", "GPE")], [("United States", "GPE")]),
        ("Russia is Central Asia ’s key ally", [("Central Asia ’s", "LOC")],
         [("Central Asia", "LOC")]),
        ("play at The Oval today", [("The Oval", "FAC")], [("The Oval", "FAC")]),
        ("Chonan 1 0 0 5", [("Chonan 1 0", "ORG")], [("Chonan", "ORG")]),
        ("Fulham v Carlisle postponed", [("Fulham v Carlisle", "ORG")],
         [("Fulham", "ORG"), ("Carlisle", "ORG")]),
        ("the Hague Tribunal met", [("Hague Tribunal", "ORG")], [("Hague Tribunal", "ORG")]),
        ("the 1990s were calm", [("the 1990s", "DATE")], [("1990s", "DATE")]),
    ],
)  # fmt: skip
def test_trim_edges_fixes_span_boundaries(vocab, text, ents, expected):
    doc = make_doc(vocab, text, ents)
    assert ent_texts(doc, trim_entity_edges(doc, ent_triples(doc))) == expected


def test_trim_edges_keeps_a_hyphen_inside_a_name(vocab):
    words = ["Kassym", "-", "Jomart", "Tokayev", "spoke"]
    doc = Doc(vocab, words=words, spaces=[False, False, True, True, False])
    doc.ents = [Span(doc, 0, 4, label="PERSON")]
    assert trim_entity_edges(doc, ent_triples(doc)) == [(0, 4, "PERSON")]


def test_propagate_names_makes_a_surname_a_person(vocab):
    doc = make_doc(
        vocab,
        "Nursultan Nazarbayev ruled . Later Nazarbayev left and Nazarbayev returned",
        [("Nursultan Nazarbayev", "PERSON"), ("Nazarbayev", "ORG")],
    )
    fixed = ent_texts(doc, propagate_person_names(doc, ent_triples(doc)))
    assert fixed == [("Nursultan Nazarbayev", "PERSON")] + [("Nazarbayev", "PERSON")] * 2


def test_propagate_names_leaves_other_entities_alone(vocab):
    doc = make_doc(vocab, "Paul Stronski of Carnegie spoke", [("Paul Stronski", "PERSON"),
                                                             ("Carnegie", "ORG")])  # fmt: skip
    assert propagate_person_names(doc, ent_triples(doc)) == ent_triples(doc)


def test_harmonize_labels_takes_the_majority_and_finds_missed_mentions(vocab):
    doc = make_doc(
        vocab,
        "Interfax said . Interfax reported . Interfax added . Interfax wrote",
        [("Interfax", "ORG"), ("said . Interfax", "X")],
    )
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 3, 4, "ORG"), Span(doc, 6, 7, "PERSON")]
    fixed = ent_texts(doc, harmonize_labels(doc, ent_triples(doc)))
    assert fixed == [("Interfax", "ORG")] * 3 + [("Interfax", "ORG")]


def test_harmonize_labels_ignores_lowercase_words(vocab):
    doc = make_doc(vocab, "Apple rose . apple pie", [("Apple", "ORG")])
    assert harmonize_labels(doc, ent_triples(doc)) == [(0, 1, "ORG")]


def test_acronym_after_its_expansion_gets_the_label_everywhere(vocab):
    doc = make_doc(
        vocab,
        "the Collective Security Treaty Organization ( CSTO ) sent troops . CSTO said",
        [("Collective Security Treaty Organization", "ORG"), ("CSTO", "PERSON")],
    )
    fixed = ent_texts(doc, label_acronyms(doc, ent_triples(doc)))
    assert fixed == [
        ("Collective Security Treaty Organization", "ORG"),
        ("CSTO", "ORG"),
        ("CSTO", "ORG"),
    ]


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        ("CSTO", "Collective Security Treaty Organization", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("UN", "Collective Security Treaty Organization", False),
        ("Mr", "Media Research", False),
    ],
)
def test_is_acronym_of(vocab, word, name, expected):
    doc = Doc(vocab, words=name.split())
    assert is_acronym_of(word, doc[:]) is expected


def test_demonym_labelled_org_or_person_becomes_norp(vocab):
    doc = make_doc(vocab, "Kazakh state media said Kazakh", [("Kazakh", "ORG")])
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 4, 5, "PERSON")]
    assert relabel_demonyms(doc, ent_triples(doc)) == [(0, 1, "NORP"), (4, 5, "NORP")]


def test_known_names_and_titles_relabel(vocab):
    doc = make_doc(
        vocab,
        "President Tokayev told Interfax that Mr. Zas agreed",
        [("President Tokayev", "ORG"), ("Interfax", "PERSON")],
    )
    fixed = run_fixes(doc, "known_names", "titled_persons")
    assert fixed == [("Tokayev", "PERSON"), ("Interfax", "ORG"), ("Zas", "PERSON")]


def test_titles_keep_a_hyphenated_name_whole(vocab):
    words = ["President", "Kassym", "-", "Jomart", "Tokayev", "said"]
    doc = Doc(vocab, words=words, spaces=[True, False, False, True, True, False])
    assert run_fixes(doc, "titled_persons") == [("Kassym-Jomart Tokayev", "PERSON")]


def test_known_names_keep_a_longer_entity(vocab):
    doc = make_doc(vocab, "Reuters Television footage", [("Reuters Television", "ORG")])
    doc.ents = [Span(doc, 0, 2, "ORG")]
    assert run_fixes(doc, "known_names") == [("Reuters Television", "ORG")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOCCER - JAPAN GET LUCKY WIN .", True),
        ("LONDON 1996-08-30", True),
        ("Japan won the Asian Cup in Abu Dhabi .", False),
    ],
)
def test_is_caps_sentence(vocab, text, expected):
    doc = Doc(vocab, words=text.split())
    assert is_caps_sentence(doc[:]) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("JAPAN", "Japan"), ("WIN", "win"), ("PSV", "PSV"), ("OVER", "over"), ("LUCKY", "Lucky")],
)
def test_recase_word_uses_the_document_casing(word, expected):
    cases = {"win": "win", "psv": "PSV"}
    assert recase_word(word, cases) == expected


def test_correct_entities_pass_through_all_fixes(vocab):
    doc = make_doc(
        vocab,
        "Vladimir Putin met Xi Jinping in Moscow on Friday , Reuters reported .",
        [("Vladimir Putin", "PERSON"), ("Xi Jinping", "PERSON"), ("Moscow", "GPE"),
         ("Friday", "DATE"), ("Reuters", "ORG")],
    )  # fmt: skip
    before = [(e.text, e.label_) for e in doc.ents]
    assert run_fixes(doc, *NerFixes(doc.vocab).fixes) == before
