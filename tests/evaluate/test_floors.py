"""CI floor: extraction quality on a small slice of the dev benchmarks must not regress."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsgraph.evaluate.registry import run_evaluator

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
FLOORS = json.loads(
    (REPO_ROOT / "src" / "newsgraph" / "evaluate" / "floors.json").read_text(encoding="utf-8")
)


@pytest.mark.slow
def test_aeb_f1_stays_above_floor():
    data_dir = EVAL_DIR / "scrapinghub-aeb"
    if not data_dir.is_dir():
        pytest.skip(
            f"benchmark data not found at {data_dir} (needs ../shared/eval beside the repo)"
        )
    floor = FLOORS["scrapinghub-aeb"]
    started = time.monotonic()
    result = run_evaluator("scrapinghub-aeb", data_dir, floor["limit"])
    elapsed = time.monotonic() - started
    assert result["n"] == floor["limit"]
    assert result["f1"] >= floor["f1"], f"AEB F1 {result['f1']:.4f} fell below {floor['f1']}"
    assert elapsed < 60, f"the floor check took {elapsed:.0f} s"
