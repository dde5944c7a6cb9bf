"""CI floor: extraction quality on a small slice of the dev benchmarks must not regress."""

from __future__ import annotations

import time

import pytest
from conftest import eval_data

from newsgraph.evaluate.registry import load_floors, run_evaluator

FLOORS = load_floors()


@pytest.mark.slow
def test_aeb_f1_stays_above_floor():
    data_dir = eval_data("scrapinghub-aeb")
    floor = FLOORS["scrapinghub-aeb"]
    started = time.monotonic()
    result = run_evaluator("scrapinghub-aeb", data_dir, floor["limit"])
    elapsed = time.monotonic() - started
    assert result["n"] == floor["limit"]
    assert result["f1"] >= floor["f1"], f"AEB F1 {result['f1']:.4f} fell below {floor['f1']}"
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"
