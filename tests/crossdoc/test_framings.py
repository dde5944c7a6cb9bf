from __future__ import annotations

from newsgraph.crossdoc.framings import collect_framings
from newsgraph.records import Analysis, Document, Entity, Event, EventActor, Quote

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
