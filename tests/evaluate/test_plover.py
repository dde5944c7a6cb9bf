"""The PLOVER gold-standard scorers (events, counts) on hand-made records, a few real records,
and the CI floor."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import plover
from newsgraph.evaluate.registry import load_floors, run_evaluator
from newsgraph.ontology.events import normalize_plover, plover_aliases
from newsgraph.records import Count, Event, EventActor

FLOORS = load_floors()
VAGUE = {"thousands": (2000, 9999)}


def count(kind: str, low: int | None, high: int | None, qualifier: str) -> Count:
    return Count(id="c", span=(0, 1), text="", type=kind, low=low, high=high, qualifier=qualifier)


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ("1000", count("displaced", 1001, None, "at_least"), True),  # "more than 1,000"
        ("100", count("crowd", None, 100, "at_most"), True),  # "up to 100"
        ("1,000", count("crowd", 1000, 1000, "exact"), True),
        ("12", count("detained", 13, 13, "exact"), False),
        ("Thousands", count("crowd", 2000, 9999, "vague"), True),
        ("Thousands", count("crowd", 2000, 2000, "exact"), False),
        ("group", count("crowd", 3, 9, "vague"), False),
        ("5", None, False),
    ],
)
def test_size_matches(gold, predicted, matches):
    assert plover.size_matches(gold, predicted, VAGUE) is matches


def test_size_prefers_the_crowd_over_other_counts():
    counts = [count("detained", 12, 12, "exact"), count("crowd", 40, 40, "exact")]
    assert plover.pick_size_count(counts).type == "crowd"
    assert plover.pick_size_count([count("killed", 1, 1, "exact")]) is None


def write_records(folder: Path) -> Path:
    records = [
        {"event": "DOCUMENT", "text": "header"},
        {"id": "r1", "event": "ASSAULT", "dead": "23", "text": "Bombers killed 23 people."},
        {"id": "r2", "event": "PROTEST", "size": "Thousands",
         "text": "Thousands of workers marched in the capital on Monday."},
        {"id": "r3", "event": "AGREE", "text": "The ministers agreed to meet."},
    ]  # fmt: skip
    (folder / "gold_standard_records").mkdir()
    path = folder / "gold_standard_records" / plover.RECORDS_FILE
    path.write_text(json.dumps(records), encoding="utf-8")
    return folder


def test_evaluate_plover_gsr_scores_only_records_with_counts(tmp_path):
    result = plover.evaluate_plover_gsr(write_records(tmp_path), None)
    assert (result["n_dead"], result["n_size"], result["n_injured"]) == (1, 1, 0)
    assert (result["dead_accuracy"], result["size_accuracy"]) == (1.0, 1.0)
    assert result["injured_accuracy"] is None
    assert result["n"] == 3  # events are scored on every record
    assert result["baseline"]["dead_accuracy"] == 1.0 and "type_accuracy" in result["baseline"]


# --- events -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("DEMAND", None), ("REQUEST", None)),
        (("DISAPPROVE", ""), ("ACCUSE", "disapprove")),
        (("INVESTIGATE", ""), ("ACCUSE", "investigate")),
        (("FIGHT", "heavy-weapons"), ("ASSAULT", "heavy-weapons")),
        (("FIGHT", "other"), ("ASSAULT", None)),
        (("FIGHT", None), ("ASSAULT", None)),
        (("PROTEST", "strike-hun"), ("PROTEST", "hunger")),
        (("PROTEST", "demo-org"), ("PROTEST", "demo")),
        (("PROTEST", "riot-spon"), ("PROTEST", "riot")),
        (("ASSAULT", "assassinate"), ("ASSAULT", "targeted")),
        (("agree", ""), ("AGREE", None)),  # already a 2024 name
        (("ASSAULT", "Firearms"), ("ASSAULT", "firearms")),
    ],
)
def test_old_plover_names_are_translated(old, new):
    assert normalize_plover(*old) == new


def test_alias_table_targets_are_2024_names():
    assert len(plover_aliases()) >= 20  # loading checks every target against the 2024 tables


def event(type_: str, mode: str | None = None, **actors: list[str]) -> Event:
    found = [EventActor(role, text, (0, 1)) for role, texts in actors.items() for text in texts]
    return Event(id="ev1", type=type_, mode=mode, trigger="", trigger_span=(0, 1),
                 sentence_span=(0, 1), actors=found)  # fmt: skip


def gold(type_: str, mode: str = "", source=(), target=()) -> dict:
    return {"event": type_, "mode": mode, "source": [{"actorText": t} for t in source] or "",
            "target": [{"actorText": t} for t in target] or "", "text": ""}  # fmt: skip


@pytest.mark.parametrize(
    ("ours", "theirs", "matches"),
    [
        (["Senior Hungarian and Romanian officials"], ["Hungarian", "Romanian"], True),
        (["the police"], ["Police"], True),
        (["the government of Israel"], ["the army"], False),  # "the" is a function word
        ([], ["Serbia"], False),
        (["Serbia"], [], False),
    ],
)
def test_actor_overlap_is_a_shared_content_word(ours, theirs, matches):
    assert plover.actors_overlap(ours, theirs) is matches


def test_gold_actor_texts_ignore_string_values():
    assert plover.gold_actor_texts({"source": "diplomatic"}, "source") == []
    assert plover.gold_actor_texts(gold("AGREE", source=["Turkish"]), "source") == ["Turkish"]


def test_event_scores_on_hand_made_records():
    records = [
        gold("DEMAND", source=["Hamas"], target=["Israel"]),
        gold("FIGHT", "heavy-weapons", source=["Serb forces"], target=["Albanians"]),
        gold("PROTEST", "strike-hun", source=["prisoners"]),
        gold("AGREE", source=["Hungarian"]),
    ]
    ours = [
        event("REQUEST", source=["Hamas leaders"], target=["the Israeli government"]),
        event("ASSAULT", "heavy-weapons", source=["Serb troops"], target=["Kosovo"]),
        event("PROTEST", "demo", source=["inmates"]),
        None,
    ]
    result = plover.score_event_records(records, ours)
    assert result["n"] == 4 and result["n_no_event"] == 1
    assert result["type_accuracy"] == 0.75
    assert (result["n_mode"], result["mode_accuracy"]) == (2, 0.5)
    assert (result["n_source"], result["source_match"]) == (4, 0.5)
    assert (result["n_target"], result["target_match"]) == (2, 0.0)
    # per-type F1: REQUEST 1, ASSAULT 1, PROTEST 1, AGREE 0 -> 0.75
    assert result["type_macro_f1"] == 0.75
    assert result["baseline"]["type_accuracy"] == 0.25


def test_macro_f1_counts_wrong_labels_against_both_types():
    # AGREE: p 1/2, r 1/1 -> 2/3; REJECT: p 0, r 0 -> 0
    assert plover.macro_f1(["AGREE", "REJECT"], ["AGREE", "AGREE"]) == pytest.approx(1 / 3)
    assert plover.macro_f1(["AGREE"], ["none"]) == 0.0


def test_real_records_are_read_and_normalised():
    records = plover.read_records(eval_data("plover-gsr"))
    assert len(records) == 211
    types = {plover.gold_event(r)[0] for r in records}
    assert types == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip


@pytest.mark.slow
def test_first_real_records_score_events(tmp_path):
    result = plover.evaluate_plover_gsr(eval_data("plover-gsr"), 5)
    assert result["n"] == 5
    assert result["type_accuracy"] is not None and result["type_accuracy"] >= 0.6  # AGREE x5


@pytest.mark.slow
def test_plover_gsr_counts_stay_above_floor():
    data_dir = eval_data("plover-gsr")
    floor = FLOORS["plover-gsr"]
    started = time.monotonic()
    result = run_evaluator("plover-gsr", data_dir, floor["limit"])
    assert result["dead_accuracy"] >= floor["dead_accuracy"]
    assert result["size_accuracy"] >= floor["size_accuracy"]
    if "type_accuracy" in floor:
        assert result["type_accuracy"] >= floor["type_accuracy"]
    assert time.monotonic() - started < 60
