"""Acts done by saying a clause (event_verdicts.tsv), on sentences written for these tests: a
speaker who calls a proposal nonsense rejects it; one who says an act was masterminded by someone,
or is a consequence of someone's policy, accuses them."""

from newsgraph.analyze.pipeline import analyze_document
from newsgraph.records import Document


def verdicts_in(text: str) -> list[tuple[str, str, list[str], list[str]]]:
    analysis = analyze_document(Document(text=text, source="test", source_kind="text"))
    return [
        (e.type, e.trigger, [a.text for a in e.actors_in("source")],
         [a.text for a in e.actors_in("target")])
        for e in analysis.events if e.type in ("REJECT", "ACCUSE")
    ]  # fmt: skip


def test_calling_a_proposal_nonsense_rejects_it():
    found = verdicts_in("The minister said the opposition's proposal for talks was nonsense.")
    assert [(t, w) for t, w, _, _ in found] == [("REJECT", "nonsense")]
    _, _, sources, targets = found[0]
    assert sources == ["The minister"] and "proposal" in targets[0]


def test_a_verdict_needs_a_speaker_and_a_predicate():
    assert verdicts_in("The opposition's proposal for talks was nonsense.") == []
    assert verdicts_in("The minister said the proposal was not absurd.") == []
    # "as a consequence of": a cause, not a verdict on anyone
    assert verdicts_in("The mayor said roads closed as a consequence of the army's convoy.") == []


def test_saying_the_unrest_was_masterminded_by_someone_accuses_them():
    found = verdicts_in("The president said the riots had been masterminded by foreign agents.")
    assert [(t, w, s) for t, w, s, _ in found] == [("ACCUSE", "masterminded", ["The president"])]
    assert "agents" in found[0][3][0]


def test_a_consequence_of_someones_policy_blames_its_owner():
    found = verdicts_in(
        "Amnesty International said the protests were a direct consequence of the "
        "government's repression."
    )
    assert [(t, w, s, g) for t, w, s, g in found] == [
        ("ACCUSE", "consequence", ["Amnesty International"], ["the government"])
    ]
    # a cause with no one behind it blames no one
    assert verdicts_in("The mayor said the floods were a consequence of the heavy rain.") == []
