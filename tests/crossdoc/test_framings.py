from __future__ import annotations

import pytest

from newsgraph.crossdoc.framings import collect_framings
from newsgraph.records import Analysis, Document, Entity, Event, EventActor, Mention, Quote

TEXT = 'Tokayev blamed "terrorist bandits" for the unrest. Protesters rejected that.'


def analysis() -> Analysis:
    start = TEXT.index("terrorist")
    label = (start, start + len("terrorist bandits"))
    event = Event(id="ev1", type="ACCUSE", mode=None, trigger="blamed", trigger_span=(8, 14),
                  sentence_span=(0, 50),
                  actors=[EventActor(role="target", text='"terrorist bandits"',
                                     span=(label[0] - 1, label[1] + 1))])  # fmt: skip
    other = Event(id="ev2", type="REJECT", mode=None, trigger="rejected", trigger_span=(62, 70),
                  sentence_span=(51, len(TEXT)))  # fmt: skip
    return Analysis(
        document=Document(text=TEXT, source="t", source_kind="text", outlet="AP"),
        entities=[Entity(id="e1", name="Kassym-Jomart Tokayev", kind="person")],
        quotes=[
            Quote(
                id="q1",
                content_span=label,
                content="terrorist bandits",
                kind="label",
                speaker_entity_id="e1",
            )
        ],  # fmt: skip
        events=[event, other],
    )


def test_collect_framings_label_speaker_and_target():
    [framing] = collect_framings(analysis())
    assert (framing.label, framing.speaker, framing.target, framing.outlet) == (
        "terrorist bandits", "Kassym-Jomart Tokayev", '"terrorist bandits"', "AP")  # fmt: skip


def test_collect_framings_only_in_the_events_sentences():
    document = analysis()
    assert collect_framings(document, [document.events[1]]) == []
    assert len(collect_framings(document, [document.events[0]])) == 1


# --- labels in the speakers' own words ---------------------------------------------------------


def quoted(text: str, said: list[tuple[str, str]], mentions: list[tuple[str, str]]) -> Analysis:
    """An analysis of `text`: direct quotes (content, speaker entity id) and mentions (words,
    entity id); entities: p1 protesters (group), w1 a protester (person of p1), g1 the minister,
    r1 rebels (group)."""

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return (start, start + len(words))

    entities = [
        Entity(id="p1", name="protesters", kind="group"),
        Entity(id="w1", name="one woman", kind="person", affiliation="p1",
               affiliation_name="protesters", anonymous=True),
        Entity(id="g1", name="Interior Minister", kind="person"),
        Entity(id="r1", name="rebels", kind="group"),
    ]  # fmt: skip
    return Analysis(
        document=Document(text=text, source="t", source_kind="text", outlet="AP"),
        entities=entities,
        mentions=[
            Mention(id=f"m{i}", span=span(words), text=words, entity_id=entity, kind="group")
            for i, (words, entity) in enumerate(mentions)
        ],
        quotes=[
            Quote(
                id=f"q{i}",
                content_span=span(content),
                content=content,
                kind="direct",
                speaker_entity_id=speaker,
            )
            for i, (content, speaker) in enumerate(said)
        ],  # fmt: skip
    )


def labels(analysis: Analysis) -> list[tuple[str, str | None, str | None, str, bool]]:
    return [(f.label, f.speaker, f.target, f.kind, f.negated) for f in collect_framings(analysis)]


def test_we_are_neither_thugs_nor_terrorists_is_the_speakers_group_rejecting_both():
    text = 'Protesters gathered. "We are neither thugs nor terrorists," one woman said.'
    analysis = quoted(text, [("We are neither thugs nor terrorists,", "w1")],
                      [("Protesters", "p1"), ("one woman", "w1")])  # fmt: skip
    assert labels(analysis) == [
        ("thugs", "one woman", "protesters", "predicate", True),
        ("terrorists", "one woman", "protesters", "predicate", True),
    ]
    assert {f.speaker_group for f in collect_framings(analysis)} == {"protesters"}


def test_not_thugs_but_patriots_keeps_the_label_after_but():
    text = '"We aren\'t looters, we are patriots. They are the real criminals," she said.'
    analysis = quoted(
        text, [("We aren't looters, we are patriots. They are the real criminals,", "w1")],
        [("she", "w1")],
    )  # fmt: skip
    assert labels(analysis)[:2] == [
        ("looters", "one woman", "protesters", "predicate", True),
        ("patriots", "one woman", "protesters", "predicate", False),
    ]
    # "they": the nearest group before the quote other than the speaker's own; none here
    assert labels(analysis)[2] == ("criminals", "one woman", None, "predicate", False)


def test_they_is_the_nearest_other_group_and_a_named_subject_is_its_entity():
    text = (
        "Rebels attacked the town and protesters marched. "
        '"They are terrorists," the minister said. "The rebels are not heroes," he added.'
    )
    analysis = quoted(
        text, [("They are terrorists,", "g1"), ("The rebels are not heroes,", "g1")],
        [("Rebels", "r1"), ("protesters", "p1"), ("rebels", "r1")],
    )  # fmt: skip
    assert labels(analysis) == [
        ("terrorists", "Interior Minister", "protesters", "predicate", False),
        ("heroes", "Interior Minister", "rebels", "predicate", True),
    ]


def test_a_label_used_to_refer_names_the_mentions_entity_and_predicate_only_labels_do_not():
    text = '"Bandits burned the market and victims were taken to hospital," the minister said.'
    analysis = quoted(
        text, [("Bandits burned the market and victims were taken to hospital,", "g1")],
        [("Bandits", "r1")],
    )  # fmt: skip
    assert labels(analysis) == [("Bandits", "Interior Minister", "rebels", "reference", False)]


def test_a_label_after_a_preposition_is_not_said_of_the_subject():
    text = '"There can be no talks with criminals," the minister said.'
    analysis = quoted(text, [("There can be no talks with criminals,", "g1")], [])
    assert labels(analysis) == [("criminals", "Interior Minister", None, "reference", False)]


def test_indirect_quotes_are_the_outlets_words_and_are_left_out():
    text = "The minister said the protesters were terrorists."
    analysis = quoted(text, [], [("protesters", "p1")])
    analysis.quotes = [
        Quote(id="q1", content_span=(18, 48), content=text[18:48], kind="indirect",
              speaker_entity_id="g1")
    ]  # fmt: skip
    assert collect_framings(analysis) == []


def test_a_cluster_keeps_framings_of_its_actors_said_outside_its_sentences():
    text = 'Protesters marched. "We are not terrorists," one woman said.'
    analysis = quoted(text, [("We are not terrorists,", "w1")], [("Protesters", "p1")])
    march = Event(id="ev1", type="PROTEST", mode=None, trigger="marched", trigger_span=(11, 18),
                  sentence_span=(0, 19),
                  actors=[EventActor(role="source", text="Protesters", span=(0, 10),
                                     entity_id="p1")])  # fmt: skip
    other = Event(id="ev2", type="PROTEST", mode=None, trigger="marched", trigger_span=(11, 18),
                  sentence_span=(0, 19))  # fmt: skip
    assert [f.label for f in collect_framings(analysis, [march])] == ["terrorists"]
    assert collect_framings(analysis, [other]) == []


@pytest.mark.slow
def test_running_example_framings_of_both_sides(example_path):
    from newsgraph.api import extract

    analysis = extract(example_path, published="2022-01-07", outlet="AP")
    found = {(f.label, f.speaker, f.target, f.negated) for f in collect_framings(analysis)}
    assert ("terrorist bandits", "Kassym-Jomart Tokayev", "bandits", False) in found
    assert ("thugs", "one woman", "protesters", True) in found
    assert ("terrorists", "one woman", "protesters", True) in found
