"""The petrarch2 CAMEO-root scorer on hand-made records, and the first real records."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import petrarch2
from newsgraph.evaluate.registry import available_evaluators
from newsgraph.records import Event

XML = """<Validation><Environment></Environment><Sentences>
<Sentence date="19950103" id="R-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="023"></EventCoding>
<Text>Arnor's envoy visited Gondor on Tuesday.</Text><Parse>(ROOT)</Parse></Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950104" id="R-02" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>The weather was fine.</Text><Parse>(ROOT)</Parse></Sentence>
<Sentence date="19950105" id="R-03" category="SYNSET" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="903"></EventCoding>
<Text>Arnor will contribute a million dollars to Gondor.</Text><Parse>(ROOT)</Parse></Sentence>
<Sentence date="19950106" id="R-04" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>CEBU CITY: -- a suit was filed.</Text><Parse>(ROOT)</Parse></Sentence>
<Sentence date="19950107" id="R-05" category="VERB" sentence="true">
<EventCoding sourcecode="RUSCOP" targetcode="RUSEDU" eventcode="173"></EventCoding>
<EventCoding sourcecode="RUSCOP" targetcode="RUSEDU" eventcode="1721"></EventCoding>
<Text>Russian police arrested students and closed their paper.</Text><Parse>(ROOT)</Parse>
</Sentence>
</Sentences></Validation>
"""


def write_records(folder: Path) -> Path:
    path = folder / "petrarch2" / "data" / "text" / petrarch2.RECORDS_FILE
    path.parent.mkdir(parents=True)
    path.write_text(XML, encoding="utf-8")
    return folder


def test_records_are_read_with_their_roots(tmp_path):
    records = petrarch2.read_records(write_records(tmp_path))
    assert [r.id for r in records] == ["R-01", "R-02", "R-03", "R-04", "R-05"]
    first, quiet, made_up, error, two = records
    assert first.date == "1995-01-03" and first.codes == ("042", "023")
    assert first.roots == {"04"}  # 02 (appeal) is dropped by PLOVER
    assert quiet.no_event and not quiet.roots
    assert made_up.roots == frozenset() and not made_up.no_event  # 903: a made-up test code
    assert error.error and not error.no_event
    assert two.roots == {"17"}
    assert len(petrarch2.read_records(tmp_path, limit=2)) == 2


def test_scores_on_hand_made_records(tmp_path):
    records = petrarch2.read_records(write_records(tmp_path))
    predicted = [
        frozenset({"04", "03"}),  # 04 found, 03 extra
        frozenset(),  # quiet, as expected
        frozenset({"07"}),  # skipped (no scorable root)
        frozenset({"11"}),  # skipped (error record)
        frozenset({"18"}),  # wrong root
    ]
    result = petrarch2.score_records(records, predicted)
    assert (result["n"], result["n_no_event"]) == (2, 1)
    assert (result["n_skipped_error"], result["n_skipped_code"]) == (1, 1)
    assert result["root_accuracy"] == 0.5
    assert result["root_precision"] == pytest.approx(1 / 3, abs=1e-4)  # tp 1, fp 03 + 18
    assert result["root_recall"] == 0.5  # tp 1, fn 17
    assert result["no_event_agreement"] == 1.0
    baseline = result["baseline"]
    assert baseline["root"] in ("04", "17")
    assert baseline["root_accuracy"] == 0.5 and baseline["no_event_agreement"] == 0.0


def test_event_roots_are_the_first_two_digits():
    events = [
        Event(id="ev1", type="CONSULT", mode="visit", trigger="", trigger_span=(0, 1),
              sentence_span=(0, 1), cameo="042"),
        Event(id="ev2", type="ASSAULT", mode=None, trigger="", trigger_span=(0, 1),
              sentence_span=(0, 1), cameo="180"),
    ]  # fmt: skip
    assert petrarch2.event_roots(events) == {"04", "18"}
    assert petrarch2.event_roots([]) == frozenset()


def test_petrarch2_is_registered():
    assert "petrarch2" in {e.name for e in available_evaluators()}


def test_real_records_are_read():
    records = petrarch2.read_records(eval_data("petrarch2"))
    assert len(records) == 284
    assert sum(r.error for r in records) == 7
    by_id = {r.id: r for r in records}
    assert by_id["DEMO-02"].codes == ("032", "033") and by_id["DEMO-02"].roots == {"03"}


@pytest.mark.slow
def test_first_real_records_are_scored():
    result = petrarch2.evaluate_petrarch2(eval_data("petrarch2"), 10)
    assert result["n"] + result["n_no_event"] + result["n_skipped_error"] <= 10
    assert 0.0 <= result["root_precision"] <= 1.0
