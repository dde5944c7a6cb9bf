"""The PLOVER gold-standard count scorer on hand-made records, and the CI floor."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import plover
from newsgraph.evaluate.registry import load_floors, run_evaluator
from newsgraph.records import Count

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


@pytest.mark.slow
def test_plover_gsr_counts_stay_above_floor():
    data_dir = eval_data("plover-gsr")
    floor = FLOORS["plover-gsr"]
    started = time.monotonic()
    result = run_evaluator("plover-gsr", data_dir, floor["limit"])
    assert result["dead_accuracy"] >= floor["dead_accuracy"]
    assert result["size_accuracy"] >= floor["size_accuracy"]
    assert time.monotonic() - started < 60
